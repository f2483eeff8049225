// Package loadtest drives the real `thidua serve` binary with concurrent
// GraphQL clients (reads and idea-workflow mutations under valid tokens of
// several units), measures latencies, and then checks the store itself: no
// write a client saw succeed is lost, none is duplicated, and every idea's
// status and version agree with its event history. cmd/thidua-load is the
// command (make load); this package holds everything but the process
// plumbing, so the pure parts are testable without a server.
package loadtest
