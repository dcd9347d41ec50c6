#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""concurrent.futures 实现进程池 / A process pool with concurrent.futures.

submit 异步提交, result() 取结果.
Tasks are submitted without waiting (submit) and their results read with result().
"""
import ctypes
import os
import time
from concurrent.futures import ProcessPoolExecutor


def name_this(name):
    """Names this process or thread in the trace (Linux prctl PR_SET_NAME)."""
    ctypes.CDLL(None).prctl(15, name.encode(), 0, 0, 0)


def task(i):
    print('%s is running %s' % (os.getpid(), i))
    time.sleep(0.3)
    return i ** 2


if __name__ == '__main__':
    pool = ProcessPoolExecutor(3, initializer=name_this, initargs=('pool-worker',))
    objs = []
    for i in range(9):
        obj = pool.submit(task, i)  # 异步的方式提交任务
        objs.append(obj)
    print('sync submit:', pool.submit(task, 99).result())  # 同步方式提交任务
    pool.shutdown(wait=True)  # 不再提交任务, 等待任务都执行完毕
    for obj in objs:
        print(obj.result())
