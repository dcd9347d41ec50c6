#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""非阻塞IO / Non-blocking IO with polling.

sockfd.setblocking(False): accept() and recv() return at once, raising
BlockingIOError (EAGAIN) when nothing is there, and the server does other
work (0.1 s) between tries.  The timeline shows many short IO calls
instead of one long wait.
"""
import threading
import time

from io_clients import fork_client, listen, talker, wait_clients


def do_other_work():
    time.sleep(0.1)


if __name__ == '__main__':
    threading.current_thread().name = 'server'
    sockfd, port = listen()
    sockfd.setblocking(False)
    client = fork_client('client', talker, port, 1, 3, 0.5, 1.0)
    tries = 0
    while True:
        try:
            connfd, addr = sockfd.accept()
            break
        except BlockingIOError:
            tries += 1
            do_other_work()
    print('server: accepted after %d tries that raised BlockingIOError' % tries, flush=True)
    connfd.setblocking(False)
    tries = 0
    while True:
        try:
            data = connfd.recv(1024)
        except BlockingIOError:
            tries += 1
            do_other_work()
            continue
        if not data:
            break
        print('server: recv() returned %s after %d tries' % (data.decode(), tries), flush=True)
        tries = 0
    connfd.close()
    wait_clients([client])
