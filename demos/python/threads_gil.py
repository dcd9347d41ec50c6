#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""GIL / Two CPU-bound Python threads take turns.

Each thread counts to 30,000,000.  Only the thread holding the global
interpreter lock runs Python code, and CPython hands the GIL over every
5 ms, so the two threads should not compute at the same moment, even on
two CPUs.  The program states what it measured rather than a fixed
conclusion: the CPU time the process got per second, for one count alone
and for the two threads.  About 2x means the threads computed at the same
time; about 1x, one at a time.  (A busy machine lengthens both times
alike, so this rate ratio holds there too.)
(threads_gil_processes.py does the same with two processes.)
"""
import time
from threading import Thread


COUNT = 30_000_000


def count():
    i = 0
    while i < COUNT:
        i += 1


if __name__ == '__main__':
    start, cpu_start = time.monotonic(), time.process_time()
    count()
    alone, alone_cpu = time.monotonic() - start, time.process_time() - cpu_start
    start, cpu_start = time.monotonic(), time.process_time()
    threads = [Thread(target=count, name='count-%d' % i) for i in (1, 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    both, both_cpu = time.monotonic() - start, time.process_time() - cpu_start
    rate = (both_cpu / both) / (alone_cpu / alone)
    print('measured: one count alone took %.2f s (%.2f s of CPU); two counts in two threads '
          'took %.2f s (%.2f s of CPU)' % (alone, alone_cpu, both, both_cpu))
    print('measured: the two threads got CPU at %.1fx the rate of one count alone: %s'
          % (rate, 'one computed at a time' if rate < 1.4 else
             'they computed at the same time' if rate > 1.7 else 'they overlapped part of the time'))
