#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""epoll方法 / epoll, level-triggered and edge-triggered (EPOLLET).

Like poll, with select.epoll() and EPOLL event types.
  io_epoll.py          level-triggered: read 4 bytes per event; epoll keeps
                       reporting the socket while data is left
  io_epoll.py --edge   edge-triggered: reported once per arrival, so read
                       until BlockingIOError
"""
import sys
import threading
from select import epoll, EPOLLIN, EPOLLET

from io_clients import fork_client, listen, talker, wait_clients

SMALL_READ = 4

if __name__ == '__main__':
    edge = '--edge' in sys.argv
    threading.current_thread().name = 'server'
    sockfd, port = listen()
    clients = [fork_client('client-%d' % i, talker, port, i, 3, 0.4, 0.3 * i) for i in (1, 2, 3)]
    ep = epoll()
    ep.register(sockfd, EPOLLIN)
    fdmap = {sockfd.fileno(): sockfd}
    closed = waits = 0
    while closed < len(clients):
        events = ep.poll()
        waits += 1
        for fd, event in events:
            if fd == sockfd.fileno():
                connfd, addr = sockfd.accept()
                connfd.setblocking(False)
                ep.register(connfd, EPOLLIN | (EPOLLET if edge else 0))
                fdmap[connfd.fileno()] = connfd
                continue
            conn = fdmap[fd]
            while True:
                try:
                    data = conn.recv(SMALL_READ)
                except BlockingIOError:
                    break  # edge-triggered: drained, wait for the next arrival
                if not data:
                    ep.unregister(fd)
                    fdmap.pop(fd).close()
                    closed += 1
                    break
                print('server: fd %d: %r' % (fd, data.decode()), flush=True)
                if not edge:
                    break  # level-triggered: epoll reports the rest again
    wait_clients(clients)
    print('server: all clients done after %d epoll waits (%s-triggered)' % (waits, 'edge' if edge else 'level'))
