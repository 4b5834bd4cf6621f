#pragma once

// The whole Redis client, for the adapters that use most of it.
#include "chansync/redis/connection.h"
#include "chansync/redis/endpoint.h"
#include "chansync/redis/options.h"
#include "chansync/redis/pool.h"
#include "chansync/redis/reply.h"
#include "chansync/redis/script.h"
#include "chansync/redis/slot.h"
