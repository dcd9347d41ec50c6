#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""异常 / An exception in a pool task, and one that ends a child process.

1. Pool(2).apply_async(task) where one task raises ZeroDivisionError
   (1/0): the worker process survives; the exception travels back and
   obj.get() raises it again in the parent; obj.successful() is False.
2. concurrent.futures does the same: future.result() raises it again.
3. A Process whose target raises and does not catch: the child prints
   the traceback and ends with exit code 1 (p.exitcode == 1).
"""
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import Pool, Process


def task(n):
    time.sleep(0.3)
    return 10 / n        # n == 0: ZeroDivisionError


def child():
    time.sleep(0.3)
    raise ValueError('nobody catches this in the child')


if __name__ == '__main__':
    with Pool(2) as pool:
        good, bad = pool.apply_async(task, (5,)), pool.apply_async(task, (0,))
        print('good.get() ->', good.get(), '; successful:', good.successful(), flush=True)
        try:
            bad.get()
        except ZeroDivisionError as e:
            print('bad.get() raised again in the parent: %r; successful: %s'
                  % (e, bad.successful()), flush=True)
        pool.close()
        pool.join()

    with ProcessPoolExecutor(2) as executor:
        future = executor.submit(task, 0)
        try:
            future.result()
        except ZeroDivisionError as e:
            print('future.result() raised again: %r' % e, flush=True)

    p = Process(target=child)
    p.start()
    p.join()
    print('main: the child ended with exitcode', p.exitcode)
