#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""select 方法 / One thread serves many sockets with select().

The tutorial's select_server: rlist holds the listening socket and every
connection; rs, ws, xs = select(rlist, wlist, xlist) blocks until one of
them is ready.  Three client processes connect at different times and
send three messages each.
"""
import threading
from select import select

from io_clients import fork_client, listen, talker, wait_clients

if __name__ == '__main__':
    threading.current_thread().name = 'server'
    sockfd, port = listen()
    clients = [fork_client('client-%d' % i, talker, port, i, 3, 0.4, 0.3 * i) for i in (1, 2, 3)]
    rlist, wlist, xlist = [sockfd], [], []
    closed = waits = 0
    while closed < len(clients):
        rs, ws, xs = select(rlist, wlist, xlist)
        waits += 1
        for r in rs:
            if r is sockfd:
                connfd, addr = r.accept()
                print('server: connect from', addr, flush=True)
                rlist.append(connfd)
                continue
            data = r.recv(1024)
            if not data:
                rlist.remove(r)
                r.close()
                closed += 1
                continue
            print('server: received', data.decode(), flush=True)
    wait_clients(clients)
    print('server: all clients done after %d select() calls' % waits)
