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

	"github.com/hcmc-thidua/thidua/ent"
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

// allowedTypes are the formats a dossier takes, by their sniffed type.
var allowedTypes = []string{"application/pdf", "image/jpeg", "image/png"}

// Upload is a file as the transport hands it over.
type Upload struct {
	File     io.Reader
	Filename string
}

// Document describes a dossier document.
type Document struct {
	NominationID   int
	Kind           domain.DocumentKind
	Title          string
	DocumentNumber *string
	IssuedOn       *time.Time
}

// Add stores an uploaded document of a draft nomination.
func (f Files) Add(ctx context.Context, client *ent.Client, d Document, up Upload) (*ent.DossierDocument, error) {
	n, err := client.Nomination.Get(ctx, d.NominationID)
	if ent.IsNotFound(err) {
		return nil, problem.New(problem.NotFound, "Không tìm thấy hồ sơ đề nghị khen thưởng.")
	}
	if err != nil {
		return nil, err
	}
	if n.Status != domain.NominationStatusDraft {
		return nil, problem.New(problem.InvalidTransition, "Hồ sơ đã trình, không bổ sung tài liệu được nữa.")
	}
	if strings.TrimSpace(d.Title) == "" {
		return nil, problem.New(problem.Validation, "Tài liệu cần có tên (trích yếu).")
	}
	stored, err := f.store(up.File)
	if err != nil {
		return nil, err
	}
	return client.DossierDocument.Create().SetNominationID(n.ID).SetKind(d.Kind).SetTitle(strings.TrimSpace(d.Title)).
		SetNillableDocumentNumber(d.DocumentNumber).SetNillableIssuedOn(d.IssuedOn).
		SetFileName(filepath.Base(up.Filename)).SetContentType(stored.contentType).
		SetSizeBytes(stored.size).SetSha256(stored.sum).Save(ctx)
}

type stored struct {
	sum, contentType string
	size             int64
}

// store writes the upload to a temporary file while hashing it, checks its
// type and size, then moves it to its content address.
func (f Files) store(r io.Reader) (stored, error) {
	limit := f.MaxBytes
	if limit <= 0 {
		limit = DefaultMaxBytes
	}
	if err := os.MkdirAll(f.Dir, 0o750); err != nil {
		return stored{}, err
	}
	tmp, err := os.CreateTemp(f.Dir, "upload-*")
	if err != nil {
		return stored{}, err
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()
	br := bufio.NewReader(io.LimitReader(r, limit+1))
	head, _ := br.Peek(512)
	ct := http.DetectContentType(head)
	if !slices.Contains(allowedTypes, ct) {
		return stored{}, problem.New(problem.Validation, "Định dạng tệp không được chấp nhận (%s); chỉ nhận PDF, JPEG, PNG.", ct)
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(tmp, h), br)
	if err != nil {
		return stored{}, err
	}
	if n > limit {
		return stored{}, problem.New(problem.Validation, "Tệp quá lớn: tối đa %d MB.", limit>>20)
	}
	if err := tmp.Close(); err != nil {
		return stored{}, err
	}
	sum := hex.EncodeToString(h.Sum(nil))
	dst := f.Path(sum)
	if err := os.MkdirAll(filepath.Dir(dst), 0o750); err != nil {
		return stored{}, err
	}
	if _, err := os.Stat(dst); os.IsNotExist(err) {
		if err := os.Rename(tmp.Name(), dst); err != nil {
			return stored{}, err
		}
	}
	return stored{sum: sum, contentType: ct, size: n}, nil
}

// Path is where the content with this SHA-256 lives.
func (f Files) Path(sum string) string {
	return filepath.Join(f.Dir, sum[:2], sum)
}
