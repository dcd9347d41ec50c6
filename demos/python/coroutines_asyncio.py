#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""asyncio / async def coroutines on one event loop.

Three "downloads" (await asyncio.sleep) run at the same time, then an echo
server (asyncio.start_server) talks to three clients
(asyncio.open_connection).  Every await that would block hands control
back to the event loop, which waits for all of them in one epoll_wait.
"""
import asyncio
import threading
import time


async def download(number, seconds):
    print('download-%d: started, %.1f s to go' % (number, seconds), flush=True)
    await asyncio.sleep(seconds)
    print('download-%d: done' % number, flush=True)
    return number


async def echo(reader, writer):
    while data := await reader.readline():
        writer.write(data)
        await writer.drain()
    writer.close()


async def client(port, number):
    reader, writer = await asyncio.open_connection('127.0.0.1', port)
    for i in range(3):
        writer.write(b'client-%d hello %d\n' % (number, i))
        print((await reader.readline()).decode().strip(), flush=True)
        await asyncio.sleep(0.3)
    writer.close()
    await writer.wait_closed()


async def main():
    start = time.monotonic()
    await asyncio.gather(download(1, 1.0), download(2, 1.5), download(3, 0.5))
    print('three downloads took %.1f s together' % (time.monotonic() - start), flush=True)
    server = await asyncio.start_server(echo, '127.0.0.1', 0)  # port 0: any free port
    port = server.sockets[0].getsockname()[1]
    async with server:
        await asyncio.gather(*(client(port, i) for i in (1, 2, 3)))


if __name__ == '__main__':
    threading.current_thread().name = 'event-loop'
    asyncio.run(main())
