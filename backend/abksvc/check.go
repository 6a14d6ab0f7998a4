package abksvc

import (
	"github.com/bkpsdm-sorong/imbang/backend/abk"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

// CheckTugas checks one task by the rules SaveTugas and ImportTugas apply;
// field names the task in the errors. The file importer uses it so a dry run
// reports the same problems a commit would, from the one place they live.
func CheckTugas(t abk.Tugas, field string) []domain.FieldError { return validTugas(t, field) }
