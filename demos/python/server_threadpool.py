#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""线程池 / A thread pool serves six clients.

The main thread only accepts and hands each connection to a ThreadPool of
three threads with apply_async.  With six clients and three workers,
three clients wait (connected, no echo yet) until a worker is free.
"""
import threading
from multiprocessing.pool import ThreadPool

from io_clients import echo_talker, fork_client, listen, wait_clients


def worker_thread(conn):
    threading.current_thread().name = 'pool-worker'
    while True:
        data = conn.recv(1000)
        if not data:
            break
        conn.send(data)
    conn.close()


if __name__ == '__main__':
    threading.current_thread().name = 'pool-server'
    server, port = listen()
    pool = ThreadPool(3)
    clients = [fork_client('client-%d' % i, echo_talker, port, i) for i in range(1, 7)]
    for _ in clients:
        conn, addr = server.accept()
        pool.apply_async(worker_thread, args=(conn,))
    pool.close()
    pool.join()
    print('server: %d of %d clients got every echo' % (wait_clients(clients), len(clients)))
