#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""join 方法 / join(): one at a time, or all at once.

同步(启动一个等一个) 与 异步(全部启动再等待).
Start one and wait for it, start the next...; or start all, then wait for all.
"""
import time
from multiprocessing import Process


def task(n):
    print('task %d: computing' % n)
    deadline = time.process_time() + 0.5
    while time.process_time() < deadline:
        pass


if __name__ == '__main__':
    print('synchronous: p.start(); p.join() one by one')
    for i in range(3):
        p = Process(target=task, args=(i + 1,))
        p.start()
        p.join()
    print('asynchronous: start all, then join all')
    p_l = [Process(target=task, args=(i + 4,)) for i in range(3)]
    for p in p_l:
        p.start()
    for p in p_l:
        p.join()
    print('done')
