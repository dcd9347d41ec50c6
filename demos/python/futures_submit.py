#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""提交任务的两种方式 / Two ways to submit tasks to a ProcessPoolExecutor.

  futures_submit.py sync    同步调用: p.submit(task).result() one by one:
                            each submit waits for its result, so the four
                            tasks run strictly one after another (1.6 s)
  futures_submit.py async   异步调用: submit all four, then
                            p.shutdown(wait=True) and read the results:
                            the four tasks run at the same time (0.4 s)

As in the tutorial the pool has four processes; each task sleeps (its
"work") for 0.4 s instead of a random 1-3 s, so both runs are short.
"""
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor


def task(n):
    print('task %d is running in process %d' % (n, os.getpid()), flush=True)
    time.sleep(0.4)
    return n * n


if __name__ == '__main__':
    mode = sys.argv[1] if len(sys.argv) > 1 else 'sync'
    if mode not in ('sync', 'async'):
        sys.exit('usage: futures_submit.py sync|async')
    p = ProcessPoolExecutor(4)
    start = time.monotonic()
    if mode == 'sync':
        for i in range(4):
            res = p.submit(task, i).result()  # 等待任务执行完毕,返回结果 / wait for it
            print('result', res, flush=True)
        p.shutdown(wait=True)
    else:
        futures = [p.submit(task, i) for i in range(4)]  # 只提交任务 / only submit
        p.shutdown(wait=True)  # 关闭进程池入口,并在原地等待 / close and wait for all
        for future in futures:
            print('result', future.result(), flush=True)
    print('main: four 0.4 s tasks took %.1f s (%s)' % (time.monotonic() - start, mode))
