#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""创建二级子进程处理僵尸 / A double fork leaves no zombie.

【1】父进程创建子进程, 等待回收子进程
【2】子进程创建二级子进程然后退出
【3】二级子进程成为孤儿, 和原来父进程一同执行事件
The parent reaps the child at once; the grandchild, an orphan, is adopted
and reaped by init when it ends.
"""
import os
import time


def worker():
    time.sleep(0.3)
    print('grandchild: adopted by %s' % os.getppid())
    time.sleep(1.2)
    print('grandchild: work done')


pid = os.fork()
if pid == 0:
    p = os.fork()
    if p == 0:
        worker()
        os._exit(0)
    os._exit(0)  # 一级子进程立即退出
else:
    os.wait()  # 立即回收一级子进程
    print('parent: reaped the first child at once, doing my own work')
    time.sleep(0.5)
    print('parent: exiting')
