#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""信号量 Semaphore(2) / Semaphore(2) between processes.

五个进程, 同一时刻最多两个进入.
Five processes; at most two are inside at a time.
"""
import os
import time
from multiprocessing import Process, Semaphore


def visit(sem, i):
    time.sleep(0.02 * i)
    print('visitor %d (%d): waiting at the door' % (i, os.getpid()))
    sem.acquire()  # 信号量减 1, 为 0 时阻塞
    print('visitor %d: inside' % i)
    time.sleep(0.4)
    print('visitor %d: leaving' % i)
    sem.release()  # 信号量加 1


if __name__ == '__main__':
    sem = Semaphore(2)
    ps = [Process(target=visit, args=(sem, i)) for i in range(5)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
    print('never more than two inside at once')
