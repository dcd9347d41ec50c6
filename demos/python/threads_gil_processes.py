#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""GIL / The same counting in two processes runs in parallel.

Each process has its own interpreter and its own GIL, so two processes
can count at the same time on two CPUs.  The program states what it
measured rather than a fixed conclusion: the CPU time per second for one
count alone and for the two children.  About 2x means they computed at
the same time; about 1x, one at a time.  Compare with threads_gil.py.
"""
import os
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
    start, cpu_start = time.monotonic(), time.process_time()
    count('main')
    alone, alone_cpu = time.monotonic() - start, time.process_time() - cpu_start
    name_this_thread('main')
    start, before = time.monotonic(), os.times()
    processes = [Process(target=count, args=('count-%d' % i,)) for i in (1, 2)]
    for p in processes:
        p.start()
    for p in processes:
        p.join()
    both, after = time.monotonic() - start, os.times()
    both_cpu = (after.children_user + after.children_system
                - before.children_user - before.children_system)
    rate = (both_cpu / both) / (alone_cpu / alone)
    print('measured: one count alone took %.2f s (%.2f s of CPU); two counts in two processes '
          'took %.2f s (%.2f s of CPU)' % (alone, alone_cpu, both, both_cpu))
    print('measured: the two processes got CPU at %.1fx the rate of one count alone: %s'
          % (rate, 'one computed at a time' if rate < 1.4 else
             'they computed at the same time' if rate > 1.7 else 'they overlapped part of the time'))
