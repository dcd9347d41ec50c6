#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""进程终止的四种方式 / Four ways a process ends.

父进程查看 exitcode.
Four children end four ways; the parent reads each exitcode.
"""
import ctypes
import sys
import time
from multiprocessing import Process


def normal():
    print('child: I finish my work and return')
    time.sleep(0.3)


def error():
    print('child: something went wrong, sys.exit(3)')
    time.sleep(0.6)
    sys.exit(3)


def crash():
    print('child: I read memory at address 0: SIGSEGV')
    time.sleep(0.9)
    ctypes.string_at(0)


def forever():
    print('child: I sleep until someone kills me')
    while True:
        time.sleep(1)


if __name__ == '__main__':
    print('父进程: 正常退出、错误码退出、致命信号、被其他进程杀死')
    workers = [Process(target=f) for f in (normal, error, crash, forever)]
    for p in workers:
        p.start()
    for p in workers[:3]:
        p.join()
        print('parent: %s exitcode = %s' % (p.name, p.exitcode))
    time.sleep(0.3)
    print('parent: p.kill() sends SIGKILL')
    workers[3].kill()
    workers[3].join()
    print('parent: %s exitcode = %s' % (workers[3].name, workers[3].exitcode))
