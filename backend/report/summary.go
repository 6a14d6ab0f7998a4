package report

import (
	"context"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/abksvc"
	"github.com/bkpsdm-sorong/imbang/backend/kepegawaian"
)

// LoadSummary gathers what the dashboard workbook and the PDF show for an ABK
// ("" = the one the dashboard picks: newest final, else newest draft).
func LoadSummary(ctx context.Context, svc *kepegawaian.Service, abk *abksvc.Service, abkID string, now time.Time) (Summary, error) {
	st, err := svc.Status(ctx)
	if err != nil {
		return Summary{}, err
	}
	v, err := abk.Region(ctx, abkID)
	if err != nil {
		return Summary{}, err
	}
	_, pos, err := abk.PositionRows(ctx, v.ABK.ID)
	if err != nil {
		return Summary{}, err
	}
	return Summary{PemdaNama: st.PemdaNama, Demo: st.Demo, View: v, Positions: pos, Dibuat: now}, nil
}
