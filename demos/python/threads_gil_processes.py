#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""GIL / The same counting in two processes runs in parallel.

Each process has its own interpreter and its own GIL, so two processes
count at the same time on two CPUs: the work takes about as long as one
count alone.  Compare with threads_gil.py.
"""
import time
from multiprocessing import Process

from threads_osname import name_this_thread

COUNT = 12_000_000


def count(name):
    name_this_thread(name)
    i = 0
    while i < COUNT:
        i += 1


if __name__ == '__main__':
    name_this_thread('main')
    start = time.monotonic()
    count('main')
    alone = time.monotonic() - start
    name_this_thread('main')
    start = time.monotonic()
    processes = [Process(target=count, args=('count-%d' % i,)) for i in (1, 2)]
    for p in processes:
        p.start()
    for p in processes:
        p.join()
    both = time.monotonic() - start
    print('one count alone: %.2f s; two counts in two processes: %.2f s (%.1fx): they ran at the same time'
          % (alone, both, both / alone))
