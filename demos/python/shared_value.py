#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""共享内存 Value 和 Array / Shared memory: Value and Array.

不加锁与加锁.
Without a lock updates are lost; with get_lock() they are not.
"""
import time
from multiprocessing import Array, Process, Value


def add_unlocked(v, a, i):
    for _ in range(5):
        n = v.value  # 读
        time.sleep(0.06)  # 读和写之间的工作: 另一个进程也在读写
        v.value = n + 1  # 写: 可能覆盖另一个进程的更新
        a[i] += 1


def add_locked(v, a, i):
    for _ in range(5):
        with v.get_lock():  # 互斥锁: 读-改-写 不会被打断
            n = v.value
            time.sleep(0.06)
            v.value = n + 1
        a[i] += 1
        time.sleep(0.005)


def run(target):
    v = Value('i', 0)  # 共享内存中的整数
    a = Array('i', [0, 0])  # 共享内存中的数组
    ps = [Process(target=target, args=(v, a, i)) for i in range(2)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
    return v.value, list(a)


if __name__ == '__main__':
    print('without a lock: value, array =', run(add_unlocked), '(wanted 10)')
    print('with a lock:    value, array =', run(add_locked), '(wanted 10)')
