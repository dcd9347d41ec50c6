#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""p.terminate() 和 p.is_alive() / p.terminate() and p.is_alive().

terminate() sends SIGTERM; is_alive() stays True until the child has ended.
"""
import time
from multiprocessing import Process


def task():
    while True:
        time.sleep(0.1)


if __name__ == '__main__':
    p = Process(target=task, name='worker')
    p.start()
    time.sleep(1.5)
    print('p.is_alive() ->', p.is_alive())
    p.terminate()  # 强制终止进程 p (SIGTERM)
    p.join()
    print('p.is_alive() ->', p.is_alive())
    print('p.exitcode ->', p.exitcode)
