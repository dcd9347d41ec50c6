#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""僵尸进程 / A zombie child.

子进程先退出, 父进程 2 秒后才处理它的退出状态.
The child exits at once; the parent waits for it only 2 s later.
"""
import os
import time

pid = os.fork()
if pid == 0:
    print('child: exiting with code 7')
    os._exit(7)
else:
    print('parent: my child %d is a zombie until I call os.waitpid()' % pid)
    time.sleep(2)
    pid, status = os.waitpid(pid, 0)
    print('parent: reaped %d, exit code %d' % (pid, os.WEXITSTATUS(status)))
