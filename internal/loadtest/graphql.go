package loadtest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"
)

// GQL is a minimal GraphQL-over-HTTP client for one server.
type GQL struct {
	URL  string // the /graphql endpoint
	HTTP *http.Client
}

// NewGQL returns a client with a connection pool big enough for every
// load client to keep its connection alive, as browsers would.
func NewGQL(base string, clients int) *GQL {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConns = clients * 2
	tr.MaxIdleConnsPerHost = clients * 2
	// Longer than the server's own request timeout (15 s), so a slow request
	// ends with the server's TIMEOUT answer rather than our guess.
	return &GQL{URL: base + "/graphql", HTTP: &http.Client{Transport: tr, Timeout: 45 * time.Second}}
}

// GQLError is one entry of a response's errors.
type GQLError struct {
	Message    string `json:"message"`
	Extensions struct {
		Code string `json:"code"`
	} `json:"extensions"`
}

// Response is one request's outcome.
type Response struct {
	Status  int // HTTP status; 0 when the request got no answer
	Latency time.Duration
	Data    json.RawMessage
	Errors  []GQLError
	Err     error // transport or decoding failure
}

// Codes lists the errors' extensions.code ("NONE" for an untyped error).
func (r Response) Codes() []string {
	var cs []string
	for _, e := range r.Errors {
		c := e.Extensions.Code
		if c == "" {
			c = "NONE"
		}
		cs = append(cs, c)
	}
	return cs
}

// OK reports a complete success: HTTP 200, data, no errors.
func (r Response) OK() bool { return r.Err == nil && r.Status == http.StatusOK && len(r.Errors) == 0 }

// Describe is a short line for failure examples.
func (r Response) Describe() string {
	switch {
	case r.Err != nil:
		return fmt.Sprintf("HTTP %d: %v", r.Status, r.Err)
	case len(r.Errors) > 0:
		return fmt.Sprintf("HTTP %d: %s %s", r.Status, r.Errors[0].Extensions.Code, r.Errors[0].Message)
	}
	return fmt.Sprintf("HTTP %d", r.Status)
}

// Do posts one operation with the bearer token.
func (g *GQL) Do(ctx context.Context, token, query string, vars map[string]any) Response {
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		return Response{Err: err}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, g.URL, bytes.NewReader(body))
	if err != nil {
		return Response{Err: err}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	start := time.Now()
	resp, err := g.HTTP.Do(req)
	if err != nil {
		return Response{Latency: time.Since(start), Err: err}
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	out := Response{Status: resp.StatusCode, Latency: time.Since(start)}
	if err != nil {
		out.Err = err
		return out
	}
	var env struct {
		Data   json.RawMessage `json:"data"`
		Errors []GQLError      `json:"errors"`
	}
	if err := json.Unmarshal(raw, &env); err != nil {
		out.Err = fmt.Errorf("decoding %q: %w", truncate(raw, 200), err)
		return out
	}
	out.Data, out.Errors = env.Data, env.Errors
	return out
}

// Decode unmarshals the response's data into v.
func (r Response) Decode(v any) error {
	if !r.OK() {
		return fmt.Errorf("%s", r.Describe())
	}
	return json.Unmarshal(r.Data, v)
}

func truncate(b []byte, n int) string {
	if len(b) > n {
		return string(b[:n]) + "…"
	}
	return string(b)
}
