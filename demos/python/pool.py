#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""进程池 Pool / multiprocessing.Pool.

apply (同步), apply_async + callback (异步), map, close, join.
"""
import os
import time
from multiprocessing import Pool


def task(i):
    print('%s is running %s' % (os.getpid(), i))
    time.sleep(0.3)
    return i ** 2


def callback(result):
    # 回调在主进程中执行, 不能做阻塞操作
    print('callback got', result)


if __name__ == '__main__':
    pool = Pool(3)  # 进程池中从无到有创建三个进程, 以后一直是这三个进程在执行任务
    print('apply (sync):', [pool.apply(task, args=(i,)) for i in range(3)])
    futures = [pool.apply_async(task, args=(i,), callback=callback) for i in range(3, 9)]
    print('map:', pool.map(task, range(9, 12)))
    pool.close()  # 关闭进程池, 不再接受新任务
    pool.join()  # 等待所有工作进程退出
    print('apply_async results:', [f.get() for f in futures])
