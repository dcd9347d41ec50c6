#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""基于fork的多进程网络并发模型 / A process per client (fork_server.py).

For every connection the server forks a handler process that serves it
and exits.  signal.signal(SIGCHLD, SIG_IGN) lets the kernel reap the
handlers, so there are no zombies and the server never waits for them.
"""
import os
import signal
import threading

from io_clients import echo_talker, fork_client, listen


def handle(connfd, name):
    threading.current_thread().name = name
    while True:
        data = connfd.recv(1024)
        if not data:
            break
        connfd.send(data)
    print('%s: the client left' % name, flush=True)
    connfd.close()


if __name__ == '__main__':
    threading.current_thread().name = 'fork-server'
    sockfd, port = listen()
    for i in (1, 2, 3):
        fork_client('client-%d' % i, echo_talker, port, i)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # 处理僵尸进程 / no zombies
    for number in (1, 2, 3):
        connfd, addr = sockfd.accept()
        pid = os.fork()
        if pid == 0:
            sockfd.close()
            handle(connfd, 'handler-%d' % number)
            os._exit(0)
        print('server: forked handler-%d (pid %d) for %s' % (number, pid, addr), flush=True)
        connfd.close()
    try:
        os.wait()  # with SIGCHLD ignored: returns only when every child has ended
    except ChildProcessError:
        pass
    print('server: every client and handler has ended; the kernel reaped them all')
