#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""进程池 / Pool(2, maxtasksperchild=2): workers are replaced.

A pool worker normally lives as long as the pool (pool.py: the same
three processes do every task).  With maxtasksperchild=2 each worker
process exits after two tasks and the pool starts a fresh one, which
frees whatever a long-lived worker would accumulate (memory, leaks).
Eight tasks, two workers at a time: four worker processes in all.
"""
import os
import time
from multiprocessing import Pool


def task(n):
    time.sleep(0.2)
    return os.getpid()


if __name__ == '__main__':
    with Pool(2, maxtasksperchild=2) as pool:
        pids = pool.map(task, range(8), chunksize=1)
        pool.close()
        pool.join()
    print('eight tasks ran in %d different worker processes: %s' % (len(set(pids)), sorted(set(pids))))
