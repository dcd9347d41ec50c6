#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""GIL / Two CPU-bound Python threads take turns.

Each thread counts to 12,000,000.  Only the thread holding the global
interpreter lock runs Python code, and CPython hands the GIL over every
5 ms, so the two threads never compute at the same moment, even on two
CPUs: the work takes as long as doing it twice in one thread.
(threads_gil_processes.py does the same with two processes.)
"""
import time
from threading import Thread

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
    threads = [Thread(target=count, args=('count-%d' % i,)) for i in (1, 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    both = time.monotonic() - start
    print('one count alone: %.2f s; two counts in two threads: %.2f s (%.1fx): the threads took turns'
          % (alone, both, both / alone))
