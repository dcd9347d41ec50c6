#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""循环服务器模型 / The loop (iterative) server.

It accepts one client, echoes its lines until it leaves, and only then
accepts the next.  Three client processes start at once: client-2 and
client-3 are connected (the kernel queues them) but wait for their first
echo until the server gets to them.
"""
import threading
from io_clients import echo_talker, fork_client, listen, wait_clients

if __name__ == '__main__':
    threading.current_thread().name = 'loop-server'
    sockfd, port = listen()
    clients = [fork_client('client-%d' % i, echo_talker, port, i) for i in (1, 2, 3)]
    for number in range(1, len(clients) + 1):
        connfd, addr = sockfd.accept()
        print('server: serving client number %d from %s; the others wait' % (number, addr), flush=True)
        while True:
            data = connfd.recv(1024)
            if not data:
                break
            connfd.send(data)
        connfd.close()
    print('server: %d of %d clients got every echo' % (wait_clients(clients), len(clients)))
