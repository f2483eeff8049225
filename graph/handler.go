package graph

import (
	"context"
	"time"

	"entgo.io/contrib/entgql"
	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/graph/generated"
	"github.com/hcmc-thidua/thidua/internal/ideaflow"
	"github.com/hcmc-thidua/thidua/internal/interim"
	"github.com/hcmc-thidua/thidua/internal/live"
	"github.com/hcmc-thidua/thidua/internal/nominationflow"
)

// NewSchema returns the executable schema over the client.
func NewSchema(client *ent.Client, files nominationflow.Files, reports *interim.Service) *generated.Config {
	return &generated.Config{Resolvers: &Resolver{client: client, files: files, reports: reports}}
}

// StreamPing is how often an idle stream sends a comment, so proxies and
// load balancers (nginx's proxy_read_timeout is 60 s) keep it open.
const StreamPing = 15 * time.Second

// NewHandler returns the GraphQL handler: POST and GET transports,
// subscriptions over Server-Sent Events,
// multipart uploads, introspection when asked for, page-size rules on the
// coerced arguments, a response size cap, typed errors, and every mutation
// inside one store transaction.
func NewHandler(client *ent.Client, files nominationflow.Files, reports *interim.Service, feed *live.Feed, limits Limits) *handler.Server {
	cfg := NewSchema(client, files, reports)
	cfg.Resolvers.(*Resolver).live = feed
	args := installProbes(&cfg.Complexity, generated.NewExecutableSchema(*cfg).Schema())
	args.es = generated.NewExecutableSchema(*cfg)
	ServedSchema()
	srv := handler.New(args.es)
	srv.AddTransport(transport.Options{})
	// Before POST, which would take the stream's request as a plain one.
	srv.AddTransport(transport.SSE{KeepAlivePingInterval: StreamPing})
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})
	srv.AddTransport(transport.MultipartForm{MaxUploadSize: nominationflow.DefaultMaxBytes + 1<<20, MaxMemory: 8 << 20})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	srv.SetParserTokenLimit(limits.ParserTokens)
	srv.SetValidationRulesFn(validationRules)
	srv.SetDisableSuggestion(!limits.Introspection)
	if limits.Introspection {
		srv.Use(extension.Introspection{})
	}
	if limits.Persisted != nil {
		srv.Use(allowlist(limits.Persisted))
	}
	srv.Use(entgql.Transactioner{TxOpener: client})
	// Inside the transaction: a mutation whose answer is refused is rolled back.
	srv.AroundResponses(limits.capResponse)
	// A request's independent reads (a query's edges, a connection's count
	// beside its page) go to the store at once; a transaction's stay in
	// turn on its connection.
	srv.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		return next(ent.WithOverlappingReads(withLogBudget(ctx)))
	})
	srv.AroundOperations(streamsOnly)
	srv.AroundOperations(limits.checkPageSizes(args))
	srv.AroundFields(fieldGuards)
	// Queries share the idea-state lookups of a page; mutations change that
	// state as they go, so they read it fresh.
	srv.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		if op := graphql.GetOperationContext(ctx).Operation; op != nil && op.Operation == "query" {
			ctx = ideaflow.WithMemo(ctx)
			ctx = withActorMemo(ctx)
		}
		return next(ctx)
	})
	srv.SetErrorPresenter(presenter(limits.Introspection, args.es.Schema()))
	srv.SetRecoverFunc(recoverPanic)
	return srv
}
