#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""线程池 ThreadPoolExecutor / A thread pool with ThreadPoolExecutor.

submit, map, add_done_callback, shutdown.
"""
import threading
import time
from concurrent.futures import ThreadPoolExecutor


def task(i):
    print('%s is running %s' % (threading.current_thread().name, i))
    time.sleep(0.3)
    return i * 10


def done(future):
    print('done callback:', future.result())


if __name__ == '__main__':
    pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix='pool-thread')
    futures = [pool.submit(task, i) for i in range(8)]
    futures[0].add_done_callback(done)
    print('results:', [f.result() for f in futures])  # result() 阻塞到结果可用
    print('map:', list(pool.map(task, range(8, 12))))
    pool.shutdown(wait=True)
    print('active threads after shutdown:', threading.active_count())
