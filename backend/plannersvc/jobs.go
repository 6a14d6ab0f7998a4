package plannersvc

import (
	"context"
	"sync"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

// JobStatus is the state of a plan solved in the background.
type JobStatus struct {
	Token  string    `json:"token"`
	State  string    `json:"state"` // BERJALAN | SELESAI | GAGAL | DIBATALKAN
	Done   int       `json:"done"`
	Total  int       `json:"total"`
	RunID  string    `json:"runId"`
	Error  *JobError `json:"error,omitempty"`
	Result *RunView  `json:"-"`
}

// JobError is why a background plan did not finish.
type JobError struct {
	Kind      domain.Kind `json:"kind"`
	Code      string      `json:"code"`
	Message   string      `json:"message"`
	MessageEN string      `json:"messageEn"`
}

func jobError(e *domain.Error) *JobError {
	return &JobError{Kind: e.Kind, Code: e.Code, Message: e.Message, MessageEN: e.MessageEN}
}

type job struct {
	mu     sync.Mutex
	st     JobStatus
	cancel context.CancelFunc
}

// Job states.
const (
	JobBerjalan   = "BERJALAN"
	JobSelesai    = "SELESAI"
	JobGagal      = "GAGAL"
	JobDibatalkan = "DIBATALKAN"
)

// Start solves in a goroutine (a run, or a scenario when sc is not nil) and
// returns a token; progress is called from that goroutine, and done once at
// the end. The job keeps ctx's values (who started it) but not its
// cancellation: it outlives the call that started it and ends by Cancel.
func (s *Service) Start(ctx context.Context, in RunInput, sc *ScenarioInput, progress func(JobStatus), done func(JobStatus)) string {
	token := s.newID()
	ctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	j := &job{st: JobStatus{Token: token, State: JobBerjalan}, cancel: cancel}
	s.mu.Lock()
	s.forgetEnded()
	s.jobs[token] = j
	s.mu.Unlock()
	go func() {
		defer cancel()
		prog := func(d, t int) {
			j.mu.Lock()
			j.st.Done, j.st.Total = d, t
			st := j.st
			j.mu.Unlock()
			if progress != nil {
				progress(st)
			}
		}
		var v RunView
		var err error
		if sc != nil {
			v, err = s.CreateScenario(ctx, *sc, prog)
		} else {
			v, err = s.Run(ctx, in, prog)
		}
		j.mu.Lock()
		switch {
		case err == nil:
			j.st.State, j.st.RunID, j.st.Result = JobSelesai, v.Run.ID, &v
		case ctx.Err() != nil:
			j.st.State = JobDibatalkan
			j.st.Error = jobError(domain.E(domain.KindUnavailable, "rencana.dibatalkan", "Perhitungan rencana dibatalkan.", "The planning run was cancelled."))
		default:
			j.st.State = JobGagal
			j.st.Error = jobError(domain.Mask(nil, "PlanJob", err))
		}
		st := j.st
		j.mu.Unlock()
		if done != nil {
			done(st)
		}
	}()
	return token
}

// Job returns a background plan's state.
func (s *Service) Job(token string) (JobStatus, error) {
	s.mu.Lock()
	j := s.jobs[token]
	s.mu.Unlock()
	if j == nil {
		return JobStatus{}, domain.E(domain.KindNotFound, "rencana.job_not_found", "Perhitungan tidak ditemukan.", "Planning job not found.")
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.st, nil
}

// Cancel stops a background plan; it is a no-op once the plan has ended.
func (s *Service) Cancel(token string) error {
	s.mu.Lock()
	j := s.jobs[token]
	s.mu.Unlock()
	if j == nil {
		return domain.E(domain.KindNotFound, "rencana.job_not_found", "Perhitungan tidak ditemukan.", "Planning job not found.")
	}
	j.cancel()
	return nil
}

// forgetEnded drops ended jobs once more than keepJobs are held, so a long
// session does not keep every result in memory (their runs are stored).
// The caller holds s.mu.
func (s *Service) forgetEnded() {
	if len(s.jobs) < keepJobs {
		return
	}
	for tok, j := range s.jobs {
		j.mu.Lock()
		ended := j.st.State != JobBerjalan
		j.mu.Unlock()
		if ended {
			delete(s.jobs, tok)
		}
	}
}

const keepJobs = 16
