#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""使用进程池来实现并发服务器 / A process pool, a thread pool in each process.

As in the tutorial: 先开一个进程池, 每个进程下面再开一个线程池.  The
listening socket is made before Pool(2) forks its workers, so both inherit
it; each worker accepts three connections and hands them to its own
ThreadPool(2), then closes its thread pool and returns.
"""
import threading
from multiprocessing import Pool
from multiprocessing.pool import ThreadPool

from io_clients import echo_talker, fork_client, listen, wait_clients

server, port = listen()


def worker_thread(conn):
    threading.current_thread().name = 'pool-thread'
    while True:
        recv_data = conn.recv(1000)
        if not recv_data:
            break
        conn.send(recv_data)
    conn.close()


def worker_process(connections):
    threading.current_thread().name = 'pool-process'
    pool = ThreadPool(2)
    for _ in range(connections):
        conn, addr = server.accept()
        pool.apply_async(worker_thread, args=(conn,))
    pool.close()
    pool.join()
    return connections


if __name__ == '__main__':
    threading.current_thread().name = 'prefork-server'
    pool = Pool(2)
    results = [pool.apply_async(worker_process, args=(3,)) for _ in range(2)]
    clients = [fork_client('client-%d' % i, echo_talker, port, i) for i in range(1, 7)]
    ok = wait_clients(clients)
    print('server: clients served per process:', [r.get() for r in results], flush=True)
    pool.close()
    pool.join()
    print('server: %d of %d clients got every echo' % (ok, len(clients)))
