package apibench

import (
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/auth"
	"github.com/hcmc-thidua/thidua/internal/domain"
)

// The requests, as a frontend sends them.
const (
	pageQuery = `query IdeasPage($n: Int!, $path: String!) {
  ideas(first: $n, where: {hasUnitWith: {pathHasPrefix: $path}}, orderBy: {field: PROPOSED_ON, direction: DESC}) {
    totalCount
    edges { node { id code title status proposedOn unit { code name } proposers { edges { node { code fullName } } } } }
  }
}`
	detailQuery = `query IdeaDetail($id: ID!) {
  node(id: $id) { ... on Idea {
    id code title status proposedOn unit { code name }
    events { edges { node { action toStatus occurredAt actorSub } } }
    adoptions { edges { node { unit { code } adoptedOn } } }
  } }
}`
	submitMutation = `mutation Submit($in: SubmitIdeaInput!) { submitIdea(input: $in) { id status version } }`
)

func pageBody(n int, path string) []byte {
	return gqlBody(pageQuery, map[string]any{"n": n, "path": path})
}

func detailBody(id int) []byte {
	return gqlBody(detailQuery, map[string]any{"id": strconv.Itoa(id)})
}

func submitBody(id, version int) []byte {
	return gqlBody(submitMutation, map[string]any{"in": map[string]any{"id": strconv.Itoa(id), "version": version}})
}

func gqlBody(query string, vars map[string]any) []byte {
	b, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	return b
}

// The answers' shape, shared by the baseline's encoding and the checks.
type (
	edge[T any] struct {
		Node T `json:"node"`
	}
	conn[T any] struct {
		Edges []edge[T] `json:"edges"`
	}
	unitRef struct {
		Code string `json:"code"`
		Name string `json:"name"`
	}
	codeRef struct {
		Code string `json:"code"`
	}
	personNode struct {
		Code     string `json:"code"`
		FullName string `json:"fullName"`
	}
	ideaNode struct {
		ID         string           `json:"id"`
		Code       string           `json:"code"`
		Title      string           `json:"title"`
		Status     string           `json:"status"`
		ProposedOn string           `json:"proposedOn"`
		Unit       unitRef          `json:"unit"`
		Proposers  conn[personNode] `json:"proposers"`
	}
	pageAnswer struct {
		Data struct {
			Ideas struct {
				TotalCount int              `json:"totalCount"`
				Edges      []edge[ideaNode] `json:"edges"`
			} `json:"ideas"`
		} `json:"data"`
	}
	eventNode struct {
		Action     string `json:"action"`
		ToStatus   string `json:"toStatus"`
		OccurredAt string `json:"occurredAt"`
		ActorSub   string `json:"actorSub"`
	}
	adoptionNode struct {
		Unit      codeRef `json:"unit"`
		AdoptedOn string  `json:"adoptedOn"`
	}
	detailNode struct {
		ID         string             `json:"id"`
		Code       string             `json:"code"`
		Title      string             `json:"title"`
		Status     string             `json:"status"`
		ProposedOn string             `json:"proposedOn"`
		Unit       unitRef            `json:"unit"`
		Events     conn[eventNode]    `json:"events"`
		Adoptions  conn[adoptionNode] `json:"adoptions"`
	}
	detailAnswer struct {
		Data struct {
			Node *detailNode `json:"node"`
		} `json:"data"`
	}
	submitAnswer struct {
		Data struct {
			SubmitIdea struct {
				ID      string `json:"id"`
				Status  string `json:"status"`
				Version int    `json:"version"`
			} `json:"submitIdea"`
		} `json:"data"`
	}
)

// nestedPage is a nested connection's page size when the query names none
// (docs/api.md: "Default page size is 50 … nested ones included").
const nestedPage = 50

const dateLayout = "2006-01-02"

// baseline answers the same requests by hand: pgx, as few round trips as
// sensible (pipelined batches), encoding/json. It authenticates as the
// API does: the token's signature, then its unit's existence.
type baseline struct {
	pool   *pgxpool.Pool
	signer *auth.HS256
	stmts  atomic.Int64 // statements sent, as store.Counter counts them (not BEGIN/COMMIT)
}

func (bl *baseline) handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /ideas-page", bl.ideasPage)
	mux.HandleFunc("POST /idea-detail", bl.ideaDetail)
	mux.HandleFunc("POST /submit-idea", bl.submitIdea)
	return mux
}

const unitSQL = `SELECT id, path FROM units WHERE code = $1`

// request reads the token and the variables.
func (bl *baseline) request(w http.ResponseWriter, r *http.Request, vars any) (auth.Identity, bool) {
	raw, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	id, err := bl.signer.Verify(raw)
	if !ok || err != nil {
		http.Error(w, `{"errors":[{"message":"unauthenticated"}]}`, http.StatusUnauthorized)
		return id, false
	}
	body := struct {
		Variables any `json:"variables"`
	}{vars}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		http.Error(w, `{"errors":[{"message":"bad request"}]}`, http.StatusBadRequest)
		return id, false
	}
	return id, true
}

// readsAll: the roles whose reads are city-wide (the only ones the
// baseline serves; scoped roles would add the subtree filter).
func readsAll(id auth.Identity) bool {
	return slices.ContainsFunc(id.Roles, func(r access.Role) bool {
		return r == access.CityAdmin || r == access.Leader || r == access.Analyst
	})
}

func fail(w http.ResponseWriter, status int, err error) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"errors": []map[string]string{{"message": err.Error()}}})
}

func answer(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

// likePrefix is a LIKE pattern matching the strings that start with p.
func likePrefix(p string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(p) + "%"
}

func (bl *baseline) ideasPage(w http.ResponseWriter, r *http.Request) {
	var vars struct {
		N    int    `json:"n"`
		Path string `json:"path"`
	}
	id, ok := bl.request(w, r, &vars)
	if !ok {
		return
	}
	if !readsAll(id) {
		fail(w, http.StatusForbidden, errors.New("forbidden"))
		return
	}
	ctx := r.Context()
	like := likePrefix(vars.Path)
	batch := &pgx.Batch{}
	batch.Queue(unitSQL, id.UnitCode)
	// The subtree's units as an array of ids, as the API's filter does
	// (policy.InSubtree): a join was planned as a scan of every idea.
	batch.Queue(`SELECT COUNT(*) FROM ideas WHERE unit_id = ANY(ARRAY(SELECT id FROM units WHERE path LIKE $1))`, like)
	batch.Queue(`SELECT i.id, i.code, i.title, i.status, i.proposed_on, u.code, u.name
FROM ideas i JOIN units u ON u.id = i.unit_id WHERE i.unit_id = ANY(ARRAY(SELECT id FROM units WHERE path LIKE $1))
ORDER BY i.proposed_on DESC, i.id DESC LIMIT $2`, like, vars.N)
	bl.stmts.Add(int64(batch.Len()))
	var out pageAnswer
	ideas := &out.Data.Ideas
	var ids []int64
	err := func() error {
		br := bl.pool.SendBatch(ctx, batch)
		defer br.Close()
		var unitID int64
		var unitPath string
		if err := br.QueryRow().Scan(&unitID, &unitPath); err != nil {
			return err
		}
		if err := br.QueryRow().Scan(&ideas.TotalCount); err != nil {
			return err
		}
		rows, err := br.Query()
		if err != nil {
			return err
		}
		ideas.Edges = make([]edge[ideaNode], 0, vars.N)
		for rows.Next() {
			var n ideaNode
			var id int64
			var on time.Time
			if err := rows.Scan(&id, &n.Code, &n.Title, &n.Status, &on, &n.Unit.Code, &n.Unit.Name); err != nil {
				return err
			}
			n.ID, n.ProposedOn = strconv.FormatInt(id, 10), on.Format(dateLayout)
			n.Proposers.Edges = []edge[personNode]{}
			ideas.Edges = append(ideas.Edges, edge[ideaNode]{n})
			ids = append(ids, id)
		}
		return rows.Err()
	}()
	if err != nil {
		fail(w, http.StatusInternalServerError, err)
		return
	}
	if len(ids) > 0 {
		bl.stmts.Add(1)
		rows, err := bl.pool.Query(ctx, `SELECT idea_id, code, full_name FROM (
  SELECT ip.idea_id, p.code, p.full_name, p.id, ROW_NUMBER() OVER (PARTITION BY ip.idea_id ORDER BY p.id) AS rn
  FROM idea_proposers ip JOIN people p ON p.id = ip.person_id WHERE ip.idea_id = ANY($1)) t
WHERE rn <= $2 ORDER BY idea_id, id`, ids, nestedPage)
		if err != nil {
			fail(w, http.StatusInternalServerError, err)
			return
		}
		at := make(map[int64]int, len(ids))
		for i, id := range ids {
			at[id] = i
		}
		for rows.Next() {
			var id int64
			var p personNode
			if err := rows.Scan(&id, &p.Code, &p.FullName); err != nil {
				rows.Close()
				fail(w, http.StatusInternalServerError, err)
				return
			}
			n := &ideas.Edges[at[id]].Node
			n.Proposers.Edges = append(n.Proposers.Edges, edge[personNode]{p})
		}
		if err := rows.Err(); err != nil {
			fail(w, http.StatusInternalServerError, err)
			return
		}
	}
	answer(w, out)
}

func (bl *baseline) ideaDetail(w http.ResponseWriter, r *http.Request) {
	var vars struct {
		ID string `json:"id"`
	}
	id, ok := bl.request(w, r, &vars)
	if !ok {
		return
	}
	if !readsAll(id) {
		fail(w, http.StatusForbidden, errors.New("forbidden"))
		return
	}
	ideaID, err := strconv.ParseInt(vars.ID, 10, 64)
	if err != nil {
		fail(w, http.StatusBadRequest, err)
		return
	}
	batch := &pgx.Batch{}
	batch.Queue(unitSQL, id.UnitCode)
	batch.Queue(`SELECT i.code, i.title, i.status, i.proposed_on, u.code, u.name
FROM ideas i JOIN units u ON u.id = i.unit_id WHERE i.id = $1`, ideaID)
	batch.Queue(`SELECT action, to_status, occurred_at, actor_sub FROM idea_events WHERE idea_id = $1 ORDER BY id LIMIT $2`, ideaID, nestedPage)
	batch.Queue(`SELECT u.code, a.adopted_on FROM adoptions a JOIN units u ON u.id = a.unit_id
WHERE a.idea_id = $1 ORDER BY a.id LIMIT $2`, ideaID, nestedPage)
	bl.stmts.Add(int64(batch.Len()))
	var out detailAnswer
	err = func() error {
		br := bl.pool.SendBatch(r.Context(), batch)
		defer br.Close()
		var unitID int64
		var unitPath string
		if err := br.QueryRow().Scan(&unitID, &unitPath); err != nil {
			return err
		}
		n := &detailNode{ID: vars.ID}
		var on time.Time
		err := br.QueryRow().Scan(&n.Code, &n.Title, &n.Status, &on, &n.Unit.Code, &n.Unit.Name)
		if err == nil {
			n.ProposedOn = on.Format(dateLayout)
			out.Data.Node = n
		} else if !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		n.Events.Edges = []edge[eventNode]{}
		rows, err := br.Query()
		if err != nil {
			return err
		}
		for rows.Next() {
			var e eventNode
			var at time.Time
			if err := rows.Scan(&e.Action, &e.ToStatus, &at, &e.ActorSub); err != nil {
				return err
			}
			e.OccurredAt = at.In(domain.Zone).Format(time.RFC3339)
			n.Events.Edges = append(n.Events.Edges, edge[eventNode]{e})
		}
		if err := rows.Err(); err != nil {
			return err
		}
		n.Adoptions.Edges = []edge[adoptionNode]{}
		rows, err = br.Query()
		if err != nil {
			return err
		}
		for rows.Next() {
			var a adoptionNode
			var at time.Time
			if err := rows.Scan(&a.Unit.Code, &at); err != nil {
				return err
			}
			a.AdoptedOn = at.Format(dateLayout)
			n.Adoptions.Edges = append(n.Adoptions.Edges, edge[adoptionNode]{a})
		}
		return rows.Err()
	}()
	if err != nil {
		fail(w, http.StatusInternalServerError, err)
		return
	}
	answer(w, out)
}

// submitIdea does an idea action's writes in one transaction: the status
// and version (checked against the version the client saw), the event, and
// the audit rows of both (as internal/audit writes them), pipelined.
func (bl *baseline) submitIdea(w http.ResponseWriter, r *http.Request) {
	var vars struct {
		In struct {
			ID      string `json:"id"`
			Version int    `json:"version"`
		} `json:"in"`
	}
	id, ok := bl.request(w, r, &vars)
	if !ok {
		return
	}
	if !slices.Contains(id.Roles, access.CityAdmin) {
		fail(w, http.StatusForbidden, errors.New("forbidden"))
		return
	}
	ideaID, err := strconv.ParseInt(vars.In.ID, 10, 64)
	if err != nil {
		fail(w, http.StatusBadRequest, err)
		return
	}
	ctx := r.Context()
	var unitID int64
	var unitPath string
	bl.stmts.Add(1)
	if err := bl.pool.QueryRow(ctx, unitSQL, id.UnitCode).Scan(&unitID, &unitPath); err != nil {
		fail(w, http.StatusUnauthorized, err)
		return
	}
	now := time.Now()
	version := vars.In.Version + 1
	roles, _ := json.Marshal(id.Roles)
	ideaChanges, _ := json.Marshal(map[string]any{
		"status":     map[string]any{"old": domain.IdeaStatusDraft, "new": domain.IdeaStatusSubmitted},
		"version":    map[string]any{"old": vars.In.Version, "new": version},
		"updated_at": map[string]any{"new": now},
	})
	eventChanges, _ := json.Marshal(map[string]any{
		"idea_id": map[string]any{"new": ideaID}, "seq": map[string]any{"new": version},
		"action": map[string]any{"new": domain.IdeaActionSubmit}, "from_status": map[string]any{"new": domain.IdeaStatusDraft},
		"to_status": map[string]any{"new": domain.IdeaStatusSubmitted}, "occurred_at": map[string]any{"new": now},
		"actor_sub": map[string]any{"new": id.Sub},
	})
	tx, err := bl.pool.Begin(ctx)
	if err != nil {
		fail(w, http.StatusInternalServerError, err)
		return
	}
	defer tx.Rollback(ctx) //nolint:errcheck // a no-op after Commit
	batch := &pgx.Batch{}
	batch.Queue(`UPDATE ideas SET status = 'SUBMITTED', version = version + 1, updated_at = $3
WHERE id = $1 AND version = $2 AND status = 'DRAFT' RETURNING version`, ideaID, vars.In.Version, now)
	batch.Queue(`WITH ev AS (
  INSERT INTO idea_events (idea_id, seq, action, from_status, to_status, occurred_at, actor_sub)
  VALUES ($1, $2, 'SUBMIT', 'DRAFT', 'SUBMITTED', $3, $4) RETURNING id),
p AS (SELECT u.path FROM ideas i JOIN units u ON u.id = i.unit_id WHERE i.id = $1)
INSERT INTO audit_events (occurred_at, actor_sub, actor_roles, actor_unit, request_id, operation, entity_type, entity_id, unit_path, changes)
SELECT $3, $4, $5::jsonb, $6, $7, 'UPDATE', 'Idea', $1, p.path, $8::jsonb FROM p
UNION ALL
SELECT $3, $4, $5::jsonb, $6, $7, 'CREATE', 'IdeaEvent', ev.id, p.path, $9::jsonb FROM ev, p`,
		ideaID, version, now, id.Sub, string(roles), id.UnitCode, r.Header.Get("X-Request-Id"), string(ideaChanges), string(eventChanges))
	bl.stmts.Add(int64(batch.Len()))
	var out submitAnswer
	err = func() error {
		br := tx.SendBatch(ctx, batch)
		defer br.Close()
		if err := br.QueryRow().Scan(&out.Data.SubmitIdea.Version); err != nil {
			return err // no row: a CONFLICT in the API
		}
		_, err := br.Exec()
		return err
	}()
	if err == nil {
		err = tx.Commit(ctx)
	}
	if err != nil {
		fail(w, http.StatusConflict, err)
		return
	}
	out.Data.SubmitIdea.ID, out.Data.SubmitIdea.Status = vars.In.ID, string(domain.IdeaStatusSubmitted)
	answer(w, out)
}
