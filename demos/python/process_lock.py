#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""进程同步(互斥锁) / A Lock between processes.

不加锁时并发运行, 打印交错; 加锁后由并发变成串行.
Without the lock the children's output interleaves; with it they take turns.
"""
import os
import time
from multiprocessing import Lock, Process


def work():
    print('%s is running' % os.getpid())
    time.sleep(0.5)
    print('%s is done' % os.getpid())


def locked_work(lock):
    lock.acquire()
    print('%s is running (holding the lock)' % os.getpid())
    time.sleep(0.5)
    print('%s is done' % os.getpid())
    lock.release()


if __name__ == '__main__':
    print('without a lock: all three at once')
    ps = [Process(target=work) for i in range(3)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
    print('with a lock: one after another')
    lock = Lock()
    ps = [Process(target=locked_work, args=(lock,)) for i in range(3)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
