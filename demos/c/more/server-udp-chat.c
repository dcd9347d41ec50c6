/* server-udp-chat: the tutorial's group chat room over UDP.  Messages:
 *   "L name"       log in (the name must be new)
 *   "C name text"  say something; everyone else receives it
 *   "Q name"       leave; the others are told
 * The server starts four client processes: alice, bob and carol chat, and
 * a second "alice" is turned away because the name is taken.  Each client
 * has a receiver thread printing what arrives.  The room closes when all
 * members have left.  When the server's standard input is a terminal you
 * are the administrator: what you type goes to everyone as an
 * announcement, and the room stays open until you type "quit" or Ctrl-D. */
#include "demo-net.h"
#include "demo-util.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_MEMBERS 8
#define EXPECTED_MEMBERS 3

typedef struct {
  char name[32];
  struct sockaddr_in address;
} Member;

pthread_mutex_t room_lock = PTHREAD_MUTEX_INITIALIZER;
static Member members[MAX_MEMBERS];
static int n_members, ever_joined;
static int server_fd, server_port;
static bool admin_present;

/* ---- the clients ---- */

static int
client_socket (void)
{
  int port;
  return demo_bind_udp (&port);
}

static void
send_to_server (int fd, const char *message)
{
  struct sockaddr_in server = { .sin_family = AF_INET, .sin_port = htons (server_port) };

  server.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  sendto (fd, message, strlen (message), 0, (struct sockaddr *) &server, sizeof server);
}

static ssize_t
receive (int fd, char *buf, size_t size)
{
  ssize_t got = recv (fd, buf, size - 1, 0);

  buf[got > 0 ? got : 0] = '\0';
  return got;
}

typedef struct {
  int fd;
  const char *name;
} Receiver;

static void *
receiver (void *arg)
{
  const Receiver *me = arg;
  char buf[512];

  demo_name_thread ("receiver");
  while (receive (me->fd, buf, sizeof buf) > 0 && strcmp (buf, "EXIT") != 0)
    demo_say ("  [%s's screen] %s", me->name, buf);
  return NULL;
}

static int
chat_client (int port, int number)
{
  static const char *names[] = { "alice", "bob", "carol", "alice" };
  const char *name = names[number - 1];
  char message[256], reply[256];
  int fd = client_socket ();
  pthread_t receiver_thread;
  Receiver me = { fd, name };

  demo_sleep_ms (200 * (number - 1));
  snprintf (message, sizeof message, "L %s", name);
  send_to_server (fd, message);
  receive (fd, reply, sizeof reply);
  if (strcmp (reply, "OK") != 0)
    {
      demo_say ("%s (client %d): the server says '%s'; leaving", name, number, reply);
      return 0;
    }
  pthread_create (&receiver_thread, NULL, receiver, &me);
  for (int i = 1; i <= 2; i++)
    {
      demo_sleep_ms (400);
      snprintf (message, sizeof message, "C %s hello from %s (%d)", name, name, i);
      send_to_server (fd, message);
    }
  demo_sleep_ms (400);
  snprintf (message, sizeof message, "Q %s", name);
  send_to_server (fd, message);
  pthread_join (receiver_thread, NULL);
  return 0;
}

/* ---- the server ---- */

static void
send_to (const struct sockaddr_in *address, const char *message)
{
  sendto (server_fd, message, strlen (message), 0, (const struct sockaddr *) address, sizeof *address);
}

/* Sends to every member except `except` (NULL: everyone).  room_lock held. */
static void
broadcast (const char *message, const char *except)
{
  for (int i = 0; i < n_members; i++)
    if (!except || strcmp (members[i].name, except) != 0)
      send_to (&members[i].address, message);
}

static int
find_member (const char *name)
{
  for (int i = 0; i < n_members; i++)
    if (strcmp (members[i].name, name) == 0)
      return i;
  return -1;
}

static void
handle (const char *message, const struct sockaddr_in *from)
{
  char name[32] = "", text[256] = "", notice[320];

  sscanf (message + 2, "%31s %255[^\n]", name, text);
  pthread_mutex_lock (&room_lock);
  if (message[0] == 'L')
    {
      if (find_member (name) >= 0 || n_members == MAX_MEMBERS)
        send_to (from, "that name is taken");
      else
        {
          send_to (from, "OK");
          snprintf (notice, sizeof notice, "welcome %s to the chat room", name);
          broadcast (notice, NULL);
          members[n_members++] = (Member) { .address = *from };
          snprintf (members[n_members - 1].name, sizeof members[0].name, "%s", name);
          ever_joined++;
          demo_say ("server: %s joined (%d in the room)", name, n_members);
        }
    }
  else if (message[0] == 'C')
    {
      snprintf (notice, sizeof notice, "%s: %s", name, text);
      broadcast (notice, name);
    }
  else if (message[0] == 'Q' && find_member (name) >= 0)
    {
      int index = find_member (name);
      send_to (&members[index].address, "EXIT");
      members[index] = members[--n_members];
      snprintf (notice, sizeof notice, "%s left the chat room", name);
      broadcast (notice, NULL);
      demo_say ("server: %s left (%d in the room)", name, n_members);
    }
  pthread_mutex_unlock (&room_lock);
}

static void *
administrator (void *arg)
{
  char line[256], announcement[300];

  demo_name_thread ("admin-input");
  demo_say ("server: you are the administrator; type an announcement (\"quit\" or Ctrl-D closes the room)");
  while (fgets (line, sizeof line, stdin) && strcmp (line, "quit\n") != 0)
    {
      line[strcspn (line, "\n")] = '\0';
      snprintf (announcement, sizeof announcement, "管理员消息 (admin): %s", line);
      pthread_mutex_lock (&room_lock);
      broadcast (announcement, NULL);
      pthread_mutex_unlock (&room_lock);
    }
  pthread_mutex_lock (&room_lock);
  admin_present = false;
  pthread_mutex_unlock (&room_lock);
  /* Wake the server's recv so it sees the administrator has left. */
  send_to_server (client_socket (), "A");
  return NULL;
}

static bool
room_should_close (void)
{
  bool close_now;

  pthread_mutex_lock (&room_lock);
  close_now = ever_joined >= EXPECTED_MEMBERS && n_members == 0 && !admin_present;
  pthread_mutex_unlock (&room_lock);
  return close_now;
}

int
main (void)
{
  pthread_t admin_thread;
  char buf[512];

  demo_name_thread ("chat-server");
  server_fd = demo_bind_udp (&server_port);
  admin_present = isatty (STDIN_FILENO);
  demo_say ("server: chat room open on UDP 127.0.0.1:%d", server_port);
  for (int i = 1; i <= 4; i++)
    {
      char name[16];
      snprintf (name, sizeof name, "chat-client-%d", i);
      demo_start_client (name, chat_client, server_port, i);
    }
  if (admin_present)
    pthread_create (&admin_thread, NULL, administrator, NULL);
  while (!room_should_close ())
    {
      struct sockaddr_in from;
      socklen_t from_len = sizeof from;
      ssize_t got = recvfrom (server_fd, buf, sizeof buf - 1, 0, (struct sockaddr *) &from, &from_len);
      if (got <= 0)
        continue;
      buf[got] = '\0';
      handle (buf, &from);
    }
  demo_wait_children ();
  demo_say ("server: everyone has left; the chat room closes");
  return 0;
}
