package graph

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/hcmc-thidua/thidua/internal/problem"
)

// LoadPersisted reads an allowlist file: a JSON list of documents, or an
// object of SHA-256 (hex, or "sha256:hex") to document, as persisted-query
// tools write (Relay, graphql-codegen's client preset).
func LoadPersisted(path string) (map[string]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	var list []string
	if json.Unmarshal(b, &list) == nil {
		for _, q := range list {
			out[hash(q)] = q
		}
		return out, nil
	}
	var byHash map[string]string
	if err := json.Unmarshal(b, &byHash); err != nil {
		return nil, fmt.Errorf("persisted queries %s: want a JSON list or object: %w", path, err)
	}
	for h, q := range byHash {
		// graphql-codegen's client preset names each document by its
		// documentId, "sha256:HEX"; Relay by the bare hex.
		h = strings.TrimPrefix(h, "sha256:")
		if hash(q) != h {
			return nil, fmt.Errorf("persisted queries %s: %s is not the SHA-256 of its document", path, h)
		}
		out[h] = q
	}
	return out, nil
}

func hash(q string) string {
	s := sha256.Sum256([]byte(q))
	return hex.EncodeToString(s[:])
}

// allowlist runs only registered documents: sent whole, or by hash in
// extensions.persistedQuery.sha256Hash.
type allowlist map[string]string

func (allowlist) ExtensionName() string                   { return "PersistedQueryAllowlist" }
func (allowlist) Validate(graphql.ExecutableSchema) error { return nil }

func (a allowlist) MutateOperationParameters(_ context.Context, p *graphql.RawParams) *gqlerror.Error {
	if p.Query != "" {
		if _, ok := a[hash(p.Query)]; ok {
			return nil
		}
		return refused("Truy vấn chưa được đăng ký: máy chủ chỉ chạy các truy vấn đã đăng ký trước.")
	}
	pq, _ := p.Extensions["persistedQuery"].(map[string]any)
	h, _ := pq["sha256Hash"].(string)
	q, ok := a[h]
	if !ok {
		return refused("Không tìm thấy truy vấn đã đăng ký với mã băm này.")
	}
	p.Query = q
	return nil
}

func refused(msg string) *gqlerror.Error {
	return &gqlerror.Error{Message: msg, Extensions: map[string]any{"code": string(problem.Validation), "limit": "persistedQueries"}}
}
