/* demo-net: sockets on 127.0.0.1 for the IO and server demos.  Servers
 * listen on port 0 (the kernel picks a free port, so demos never collide
 * with anything else on the machine) and hand the port to the clients
 * they start themselves. */
#pragma once

#include <stddef.h>
#include <sys/types.h>

/* A TCP socket listening on 127.0.0.1; *port receives the port. Exits
 * with a message when the machine refuses. */
int demo_listen_tcp (int *port);

/* A UDP socket bound to 127.0.0.1 (port 0 for any); *port receives it. */
int demo_bind_udp (int *port);

/* A TCP connection to 127.0.0.1:port. */
int demo_connect_tcp (int port);

/* Forks a client process named `name` that runs client(port, number) and
 * exits with its return value.  Clients are reaped as soon as they end
 * (a SIGCHLD handler, with SA_RESTART), so they are never left zombies
 * while the server works; select, poll and epoll_wait may then return
 * EINTR, which the demos treat as "nothing ready". */
typedef int (*DemoClient) (int port, int number);
pid_t demo_start_client (const char *name, DemoClient client, int port, int number);

/* Waits until every client has ended; returns how many exited with code 0. */
int demo_wait_children (void);

/* Writes all of buf, or exits with a message. */
void demo_send_all (int fd, const void *buf, size_t len);

/* Reads one line (up to and without '\n') into buf; returns its length,
 * or -1 at end of stream. */
ssize_t demo_recv_line (int fd, char *buf, size_t size);
