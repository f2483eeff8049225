package nominationflow

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/dossierdocument"
	"github.com/hcmc-thidua/thidua/ent/nomination"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/problem"
)

// Files stores dossier documents on disk, named by their SHA-256, so the
// same file uploaded twice is stored once and a stored file is never
// overwritten with other content.
type Files struct {
	Dir      string
	MaxBytes int64
}

// DefaultMaxBytes bounds one document: scanned dossiers run to a few MB.
const DefaultMaxBytes = 20 << 20

// tempPrefix names an upload being written; the sweep removes stray ones.
const tempPrefix = "upload-"

// allowedTypes are the formats a dossier takes, by their sniffed type.
var allowedTypes = []string{"application/pdf", "image/jpeg", "image/png"}

// Upload is a file as the transport hands it over.
type Upload struct {
	File     io.Reader
	Filename string
	Size     int64 // as the transport announced it; 0 when unknown
}

// Document describes a dossier document.
type Document struct {
	NominationID   int
	Kind           domain.DocumentKind
	Title          string
	DocumentNumber *string
	IssuedOn       *time.Time
}

// Add stores an uploaded document of a draft nomination. Everything that
// can refuse the upload is decided before a byte reaches the disk: a
// refused upload that had been written first would stay there, since no
// record would ever point at it.
func (f Files) Add(ctx context.Context, client *ent.Client, d Document, up Upload) (*ent.DossierDocument, error) {
	create, err := f.authorise(ctx, client, d, up)
	if err != nil {
		return nil, err
	}
	stored, err := f.store(up.File)
	if err != nil {
		return nil, err
	}
	// The privacy policy runs again at Save: the final guard, should the
	// check above ever drift from it.
	return create.SetContentType(stored.contentType).SetSizeBytes(stored.size).SetSha256(stored.sum).Save(ctx)
}

// authorise checks an upload as far as it can be checked without its
// content: the nomination as the viewer reads it, the write policy the Save
// will apply, the nomination's status, the fields and the announced size.
func (f Files) authorise(ctx context.Context, client *ent.Client, d Document, up Upload) (*ent.DossierDocumentCreate, error) {
	q := client.Nomination.Query().Where(nomination.ID(d.NominationID))
	// Locked for share until the upload commits, on PostgreSQL: a submission
	// committing meanwhile is waited for and its status read, rather than
	// the draft as it was, and one starting meanwhile waits for the upload —
	// either way no document joins a dossier already submitted. (SQLite runs
	// one write transaction at a time, and has no such clause.)
	q.Modify(func(s *sql.Selector) {
		if s.Dialect() == dialect.Postgres {
			s.ForShare(sql.WithLockTables(nomination.Table))
		}
	})
	n, err := q.Only(ctx)
	if ent.IsNotFound(err) {
		return nil, problem.New(problem.NotFound, "Không tìm thấy hồ sơ đề nghị khen thưởng.")
	}
	if err != nil {
		return nil, err
	}
	title := strings.TrimSpace(d.Title)
	name := filepath.Base(up.Filename)
	create := client.DossierDocument.Create().SetNominationID(n.ID).SetKind(d.Kind).SetTitle(title).
		SetNillableDocumentNumber(d.DocumentNumber).SetNillableIssuedOn(d.IssuedOn).SetFileName(name)
	// The schema's own policy, evaluated on the mutation the Save will run
	// (less the content's hash, type and size, which the rules do not read).
	if err := dossierdocument.Policy.EvalMutation(ctx, create.Mutation()); err != nil {
		return nil, err
	}
	if n.Status != domain.NominationStatusDraft {
		return nil, problem.New(problem.InvalidTransition, "Hồ sơ đã trình, không bổ sung tài liệu được nữa.")
	}
	switch {
	case title == "":
		return nil, problem.New(problem.Validation, "Tài liệu cần có tên (trích yếu).")
	case dossierdocument.KindValidator(d.Kind) != nil:
		return nil, problem.New(problem.Validation, "Loại tài liệu không hợp lệ.")
	case dossierdocument.TitleValidator(title) != nil:
		return nil, problem.New(problem.Validation, "Tên tài liệu (trích yếu) quá dài.")
	case d.DocumentNumber != nil && dossierdocument.DocumentNumberValidator(*d.DocumentNumber) != nil:
		return nil, problem.New(problem.Validation, "Số văn bản quá dài.")
	case dossierdocument.FileNameValidator(name) != nil:
		return nil, problem.New(problem.Validation, "Tên tệp quá dài.")
	case up.Size > f.limit():
		return nil, tooLarge(f.limit())
	}
	return create, nil
}

func (f Files) limit() int64 {
	if f.MaxBytes <= 0 {
		return DefaultMaxBytes
	}
	return f.MaxBytes
}

func tooLarge(limit int64) error {
	return problem.New(problem.Validation, "Tệp quá lớn: tối đa %d MB.", limit>>20)
}

type stored struct {
	sum, contentType string
	size             int64
}

// store checks the upload's type from its first bytes, then writes it to a
// temporary file while hashing it, checks its size, and moves it to its
// content address.
func (f Files) store(r io.Reader) (stored, error) {
	limit := f.limit()
	br := bufio.NewReader(io.LimitReader(r, limit+1))
	head, _ := br.Peek(512)
	ct := http.DetectContentType(head)
	if !slices.Contains(allowedTypes, ct) {
		return stored{}, problem.New(problem.Validation, "Định dạng tệp không được chấp nhận (%s); chỉ nhận PDF, JPEG, PNG.", ct)
	}
	if err := os.MkdirAll(f.Dir, 0o750); err != nil {
		return stored{}, err
	}
	tmp, err := os.CreateTemp(f.Dir, tempPrefix+"*")
	if err != nil {
		return stored{}, err
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(tmp, h), br)
	if err != nil {
		return stored{}, err
	}
	if n > limit {
		return stored{}, tooLarge(limit)
	}
	if err := tmp.Close(); err != nil {
		return stored{}, err
	}
	sum := hex.EncodeToString(h.Sum(nil))
	dst := f.Path(sum)
	if err := os.MkdirAll(filepath.Dir(dst), 0o750); err != nil {
		return stored{}, err
	}
	// Always moved in, even over the same content already there: the file
	// at dst is then new, with a fresh mtime, so the sweep's grace period
	// covers it until this upload's transaction commits — an old copy no
	// record referenced yet could otherwise be swept under it.
	if err := os.Rename(tmp.Name(), dst); err != nil {
		return stored{}, err
	}
	return stored{sum: sum, contentType: ct, size: n}, nil
}

// Path is where the content with this SHA-256 lives.
func (f Files) Path(sum string) string {
	return filepath.Join(f.Dir, sum[:2], sum)
}
