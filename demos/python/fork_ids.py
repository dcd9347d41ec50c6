#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""os.fork() 创建子进程 / os.fork() creates children.

打印 pid 和 ppid.
The parent forks three children; each prints its pid and ppid.
"""
import os
import time

print('parent: my pid is %s, my parent is %s' % (os.getpid(), os.getppid()))
print('父进程: 用 os.fork() 创建三个子进程')
children = []
for i in range(3):
    pid = os.fork()
    if pid < 0:
        print('fork failed')
    elif pid == 0:
        # 子进程: fork() 返回 0
        print('child %d: pid %s, ppid %s' % (i + 1, os.getpid(), os.getppid()))
        time.sleep(0.4 + 0.3 * i)
        print('child %d: done' % (i + 1))
        os._exit(0)
    else:
        # 父进程: fork() 返回子进程的 pid
        print('parent: fork() returned %d' % pid)
        children.append(pid)

for pid in children:
    os.waitpid(pid, 0)
    print('parent: child %d has ended' % pid)
print('parent: all children ended')
