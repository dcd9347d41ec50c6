#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""阻塞IO / Blocking IO, the default.

accept() waits until the client process connects (1 s later), then each
recv() waits for the next message (0.5 s apart).  While it waits the
server does nothing else.
"""
import threading
from io_clients import fork_client, listen, talker, wait_clients

if __name__ == '__main__':
    threading.current_thread().name = 'server'
    sockfd, port = listen()
    print('server: listening on 127.0.0.1:%d; the client connects in 1 s' % port, flush=True)
    client = fork_client('client', talker, port, 1, 3, 0.5, 1.0)
    print('server: accept() blocks until a client connects ...', flush=True)
    connfd, addr = sockfd.accept()
    print('server: connected from', addr, '; recv() blocks until data arrives ...', flush=True)
    while True:
        data = connfd.recv(1024)
        if not data:
            break
        print('server: recv() returned', data.decode(), flush=True)
    print('server: the client closed the connection', flush=True)
    connfd.close()
    wait_clients([client])
