#pragma once

#include "flags.h"

namespace chansync::loadgen {

// Each subcommand runs one bounded measurement on 127.0.0.1, prints one JSON line of results
// on stdout and returns the process exit code (0, or 1 with a message on stderr).
int BaselineXadd(const Flags& flags);      // --redis HOST:PORT --seconds S --pipeline N
int BaselineGrpcEcho(const Flags& flags);  // --seconds S --in-flight N --payload-bytes B
int BaselineHttpEcho(const Flags& flags);  // --seconds S --threads N --payload-bytes B
int BaselinePms(const Flags& flags);       // --pms URL --seconds S --threads N
int IngestGrpc(const Flags& flags);        // --grpc ADDR --seconds S --in-flight N
int IngestBatch(
    const Flags& flags);             // --grpc ADDR --seconds S --streams N --per-stream M [--count]
int IngestHttp(const Flags& flags);  // --http HOST:PORT --seconds S --threads N
// --out DIR: writes reservation.json and reservation.grpc (one framed gRPC request) for h2load
// and prints the reservation's channel.
int H2loadBodies(const Flags& flags);
int CheckLatency(const Flags& flags);  // --grpc ADDR --pms URL --seconds S --threads N
int Drain(const Flags& flags);  // --grpc --redis --count M --timeout S --stall S --chansync-pid P
// Scenario 5, planning (the estate of planning_estate.h).
int PlanningNightly(const Flags& flags);  // --grpc ADDR --properties N --timeout S --poll-ms MS
int PlanningForced(const Flags& flags);   // --grpc ADDR --portal URL [--property big]
int PlanningDelta(const Flags& flags);    // --grpc ADDR --portal URL --properties N --samples M
// Scenario 6, postings (the estate of postings_workload.h).
int BaselinePmsPostings(const Flags& flags);  // --pms URL --seconds S --threads N
int PostingsDrain(const Flags& flags);        // --http --pms --count M --tills N --timeout S
int PostingsLatency(const Flags& flags);      // --http --pms --rate R --seconds S --tills N

}  // namespace chansync::loadgen
