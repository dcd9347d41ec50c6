#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""创建并开启子进程的两种方式 / Two ways to start a child process.

Process(target=...) 与 继承 Process 重写 run().
"""
import os
import time
from multiprocessing import Process


def foo(name):
    print('My name is %s, pid %s, parent %s' % (name, os.getpid(), os.getppid()))
    time.sleep(0.5)


class Foo(Process):  # 继承 Process 类
    def __init__(self, name):
        super().__init__()
        self.name = name

    def run(self):  # start() --> run(), 已经在新的进程里了
        print('My name is %s, pid %s, parent %s' % (self.name, os.getpid(), os.getppid()))
        time.sleep(0.5)


if __name__ == '__main__':
    p1 = Process(target=foo, args=('Yim',))  # 必须加, 号
    p2 = Process(target=foo, kwargs={'name': 'Jim'})
    p3 = Foo('Tom')
    p4 = Foo('Ann')
    for p in (p1, p2, p3, p4):
        p.start()
    for p in (p1, p2, p3, p4):
        p.join()
    print('main: all four ended, exit codes', [p.exitcode for p in (p1, p2, p3, p4)])
