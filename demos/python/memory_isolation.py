#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""进程之间的内存空间是隔离的 / Processes do not share memory.

A child changes its own copy of a global; the parent's stays as it was.
"""
import sys
import time
from multiprocessing import Process

n = 0


def work():
    global n
    n = 100
    print('child: n = %d in my memory' % n)
    time.sleep(1.5)
    sys.exit(n)  # the child's n as its exit code


if __name__ == '__main__':
    p = Process(target=work)
    p.start()
    p.join()
    print('child exited with %d; main: n = %d' % (p.exitcode, n))
    sys.exit(n)
