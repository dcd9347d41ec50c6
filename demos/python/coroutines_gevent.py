#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""gevent / Coroutines that switch by themselves on IO.

from gevent import monkey; monkey.patch_all() makes time.sleep and sockets
cooperative: when a greenlet would block, gevent's hub switches to another
one, and the thread itself waits only in the hub's epoll.
Part 1: eat() sleeps 2 s, play() 1 s; joinall takes 2 s, not 3 s.
Part 2: an echo server and three clients, all greenlets of one thread.
"""
from gevent import monkey; monkey.patch_all()  # noqa: E702 (the tutorial's form)

import socket
import threading
import time

import gevent


def eat(name):
    print('%s 吃 (eats)' % name, flush=True)
    time.sleep(2)
    print('%s 喝 (drinks)' % name, flush=True)


def play(name):
    print('%s 玩 (plays)' % name, flush=True)
    time.sleep(1)
    print('%s 玩2 (plays again)' % name, flush=True)


def serve_client(conn):
    while True:
        data = conn.recv(1024)
        if not data:
            break
        conn.send(data)
    conn.close()


def server(listener, clients):
    for _ in range(clients):
        conn, _ = listener.accept()
        gevent.spawn(serve_client, conn)


def client(port, number):
    c = socket.socket()
    c.connect(('127.0.0.1', port))
    for i in range(3):
        msg = 'client-%d say hello %d' % (number, i)
        c.send(msg.encode('utf-8'))
        print(c.recv(1024).decode('utf-8'), flush=True)
        time.sleep(0.3)
    c.close()


if __name__ == '__main__':
    threading.current_thread().name = 'gevent-hub'
    start = time.monotonic()
    gevent.joinall([gevent.spawn(eat, 'abc'), gevent.spawn(play, 'abc')])
    print('part 1 took %.1f s (2 s + 1 s of sleeping, overlapped)' % (time.monotonic() - start), flush=True)

    listener = socket.socket()
    listener.bind(('127.0.0.1', 0))  # port 0: the kernel picks a free port
    listener.listen(5)
    port = listener.getsockname()[1]
    greenlets = [gevent.spawn(server, listener, 3)]
    greenlets += [gevent.spawn(client, port, i) for i in (1, 2, 3)]
    gevent.joinall(greenlets)
    print('part 2: a server and three clients, one thread', flush=True)
