#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""concurrent.futures 实现进程池 / A process pool with concurrent.futures.

submit 异步提交, result() 取结果.
Tasks are submitted without waiting (submit) and their results read with result().
"""
import os
import time
from concurrent.futures import ProcessPoolExecutor


def task(i):
    print('%s is running %s' % (os.getpid(), i))
    time.sleep(0.3)
    return i ** 2


if __name__ == '__main__':
    pool = ProcessPoolExecutor(3)
    objs = []
    for i in range(9):
        obj = pool.submit(task, i)  # 异步的方式提交任务
        objs.append(obj)
    print('sync submit:', pool.submit(task, 99).result())  # 同步方式提交任务
    pool.shutdown(wait=True)  # 不再提交任务, 等待任务都执行完毕
    for obj in objs:
        print(obj.result())
