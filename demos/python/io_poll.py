#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""poll方法 / The same server with select.poll().

p.register(fd, POLLIN) for the listening socket and each connection, a
dictionary from fileno to socket (the tutorial's 查找字典), and
events = p.poll() to wait.
"""
import threading
from select import poll, POLLIN, POLLERR, POLLHUP

from io_clients import fork_client, listen, talker, wait_clients

if __name__ == '__main__':
    threading.current_thread().name = 'server'
    sockfd, port = listen()
    clients = [fork_client('client-%d' % i, talker, port, i, 3, 0.4, 0.3 * i) for i in (1, 2, 3)]
    p = poll()
    p.register(sockfd, POLLIN | POLLERR)
    fdmap = {sockfd.fileno(): sockfd}
    closed = waits = 0
    while closed < len(clients):
        events = p.poll()
        waits += 1
        for fd, event in events:
            if fd == sockfd.fileno():
                connfd, addr = sockfd.accept()
                print('server: connect from', addr, flush=True)
                p.register(connfd, POLLIN | POLLHUP)
                fdmap[connfd.fileno()] = connfd
                continue
            data = fdmap[fd].recv(1024)
            if not data:
                p.unregister(fd)
                fdmap.pop(fd).close()
                closed += 1
                continue
            print('server: received', data.decode(), flush=True)
    wait_clients(clients)
    print('server: all clients done after %d poll() calls' % waits)
