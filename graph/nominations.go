package graph

import (
	"context"
	"errors"
	"fmt"
	"net/url"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/graph/model"
	"github.com/hcmc-thidua/thidua/internal/links"
	"github.com/hcmc-thidua/thidua/internal/nominationflow"
	"github.com/hcmc-thidua/thidua/internal/problem"
)

// DocumentPath is where a dossier document is downloaded.
func DocumentPath(id int) string { return fmt.Sprintf("/files/dossier/%d", id) }

// downloadLink is a signed link to path for the viewer. It is asked only
// of a record the viewer has read, or after the rule of the handler it
// leads to, so it grants nothing the bearer token did not.
func downloadLink(ctx context.Context, path string, query url.Values) (string, error) {
	link, err := links.Mint(ctx, path, query)
	if errors.Is(err, links.ErrNoKey) {
		return "", problem.Wrap(err, problem.Internal,
			"Máy chủ chưa có khóa ký liên kết tải về (THIDUA_LINK_SECRET); hãy tải tệp kèm mã xác thực (Authorization: Bearer …).")
	}
	if err != nil {
		return "", problem.Wrap(err, problem.Unauthenticated, "Cần đăng nhập để lấy liên kết tải về.")
	}
	return link, nil
}

func (r *mutationResolver) addDossierDocument(ctx context.Context, in model.AddDossierDocumentInput) (*ent.DossierDocument, error) {
	return r.files.Add(ctx, ent.FromContext(ctx), nominationflow.Document{
		NominationID: in.NominationID, Kind: in.Kind, Title: in.Title, DocumentNumber: in.DocumentNumber, IssuedOn: in.IssuedOn,
	}, nominationflow.Upload{File: in.File.File, Filename: in.File.Filename, Size: in.File.Size})
}

func submitNomination(ctx context.Context, in model.SubmitNominationInput) (*ent.Nomination, error) {
	return nominationflow.Submit(ctx, ent.FromContext(ctx), in.ID, in.Version, in.OverrideJustification)
}

func recordCouncilVote(ctx context.Context, in model.RecordCouncilVoteInput) (*ent.Nomination, error) {
	c := nominationflow.Council{On: in.CouncilDate, Members: in.Members, For: in.VotesFor, Against: in.VotesAgainst, Abstain: in.VotesAbstain}
	for _, j := range in.Judgements {
		c.Judgements = append(c.Judgements, nominationflow.Judgement{Code: j.Code, Met: j.Met, Reason: j.Reason})
	}
	return nominationflow.Vote(ctx, ent.FromContext(ctx), in.ID, in.Version, c)
}

func forwardNomination(ctx context.Context, in model.ForwardNominationInput) (*ent.Nomination, error) {
	return nominationflow.Forward(ctx, ent.FromContext(ctx), in.ID, in.Version, in.ForwardedOn)
}

func decideNomination(ctx context.Context, in model.DecideNominationInput) (*ent.Award, error) {
	return nominationflow.Decide(ctx, ent.FromContext(ctx), in.ID, in.Version,
		nominationflow.Decision{Number: in.DecisionNumber, Date: in.DecisionDate, Issuer: in.Issuer, Note: in.Note})
}

func withdrawNomination(ctx context.Context, in model.WithdrawNominationInput) (*ent.Nomination, error) {
	return nominationflow.Withdraw(ctx, ent.FromContext(ctx), in.ID, in.Version)
}

func correctAward(ctx context.Context, in model.CorrectAwardInput) (*ent.Award, error) {
	return nominationflow.Correct(ctx, ent.FromContext(ctx), in.AwardID, in.Level,
		nominationflow.Decision{Number: in.DecisionNumber, Date: in.DecisionDate, Issuer: in.Issuer, Note: in.Note})
}
