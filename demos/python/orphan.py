#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""孤儿进程 / An orphan is adopted.

父进程先于子进程退出, 子进程被系统进程收养.
The parent exits first; the orphan is adopted and its ppid changes.
"""
import os
import time

pid = os.fork()
if pid == 0:
    print('child: my parent is %s' % os.getppid())
    time.sleep(1)
    print('child: my parent is gone, now my parent is %s' % os.getppid())
    time.sleep(0.5)
    print('child: done')
    os._exit(0)
else:
    time.sleep(0.2)
    print('parent: exiting now, child %d keeps running' % pid)
