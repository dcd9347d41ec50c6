#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""共享数据 / A Manager dict changed by ten processes, without a lock and with one.

教程 3.14: 不加锁而操作共享的数据, 肯定会出现数据错乱.
Each of ten processes takes 5 off d['count'] (100 at the start), one at a
time: it reads the value, works a moment, and writes back one less.
Without a lock two processes read the same value and one update is lost;
with multiprocessing.Lock each read-and-write is whole and 100 - 50 = 50.
"""
import time
from multiprocessing import Lock, Manager, Process


def work(d, lock, use_lock):
    for _ in range(5):
        if use_lock:
            with lock:  # 加锁: 读和写之间别的进程进不来
                value = d['count']
                time.sleep(0.01)
                d['count'] = value - 1
        else:
            value = d['count']
            time.sleep(0.01)  # 这时别的进程也读到了同一个值
            d['count'] = value - 1


def run(m, use_lock):
    lock = Lock()
    d = m.dict({'count': 100})
    workers = [Process(target=work, args=(d, lock, use_lock), name='%s-%d' % ('locked' if use_lock else 'racing', i))
               for i in range(10)]
    for p in workers:
        p.start()
    for p in workers:
        p.join()
    return d['count']


if __name__ == '__main__':
    with Manager() as m:
        racing = run(m, False)
        print('without a lock: count =', racing, '(expected 50: %d updates lost)' % (racing - 50), flush=True)
        locked = run(m, True)
        print('with a lock:    count =', locked, '(expected 50: %s)' % ('exact' if locked == 50 else 'wrong'), flush=True)
