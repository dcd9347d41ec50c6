#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""超时检测 / Blocking with a time limit: sockfd.settimeout(0.5).

recv() waits at most 0.5 s, then raises socket.timeout; the server says
so and tries again.  The client sends its only message after 1.7 s, so the
server times out three times first.  Python waits for the timeout in
poll(), then calls recv() when data is there.
"""
import socket
import threading
import time

from io_clients import fork_client, listen, wait_clients


def late_client(port):
    c = socket.create_connection(('127.0.0.1', port))
    time.sleep(1.7)
    c.send(b'finally')
    c.close()


if __name__ == '__main__':
    threading.current_thread().name = 'server'
    sockfd, port = listen()
    client = fork_client('client', late_client, port)
    connfd, addr = sockfd.accept()
    connfd.settimeout(0.5)
    timeouts = 0
    while True:
        try:
            data = connfd.recv(1024)
        except socket.timeout:
            timeouts += 1
            print('server: recv() timed out (%d), doing something else' % timeouts, flush=True)
            continue
        if not data:
            break
        print('server: got %s after %d timeouts' % (data.decode(), timeouts), flush=True)
    connfd.close()
    wait_clients([client])
