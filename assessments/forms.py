"""Forms for performance tasks. They only shape and validate input; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.selectors import mentors_at
from assessments.models import PerformanceTask, TaskReview, TaskSubmission


class LessonChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        date = obj.taught_on.isoformat() if obj.taught_on else obj.created_at.date().isoformat()
        return f"{obj.title} ({date})"


class SubmissionForm(forms.Form):
    """The teacher's draft: lessons (baseline first, by date), answers to each prompt, mentor."""

    lessons = LessonChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Analysed lessons"),
    )
    mentor = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Mentor"), empty_label=_("Choose a mentor")
    )

    def __init__(self, *args, submission: TaskSubmission, lessons, mentors, **kwargs):
        super().__init__(*args, **kwargs)
        self.submission = submission
        task: PerformanceTask = submission.task
        self.fields["lessons"].queryset = lessons
        if task.lessons_required > 1:
            self.fields["lessons"].help_text = _(
                "Choose %(n)s lessons. The earliest is your baseline; the latest shows the change."
            ) % {"n": task.lessons_required}
        else:
            self.fields["lessons"].help_text = _("Choose the lesson you reflect on.")
        self.fields["mentor"].queryset = mentors
        self.fields["mentor"].label_from_instance = lambda u: u.display_name
        self.prompts = list(task.prompts.all())
        for prompt in self.prompts:
            self.fields[f"answer_{prompt.pk}"] = forms.CharField(
                label=prompt.text,
                required=False,
                max_length=5000,
                widget=forms.Textarea(
                    attrs={"rows": 6, "data-min-words": task.reflection_min_words}
                ),
                help_text=_("At least %(n)s words (a Chinese character counts as one word).")
                % {"n": task.reflection_min_words},
            )

    def answers(self) -> dict[int, str]:
        return {p.pk: self.cleaned_data.get(f"answer_{p.pk}", "") for p in self.prompts}

    def lesson_ids(self) -> list[int]:
        lessons = list(self.cleaned_data.get("lessons") or [])
        lessons.sort(key=lambda lesson: (lesson.taught_on or lesson.created_at.date(), lesson.pk))
        return [lesson.pk for lesson in lessons]

    def chosen_mentor(self) -> User | None:
        return self.cleaned_data.get("mentor")


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=TaskReview.Decision.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Comment for the teacher"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Say what went well and, if you request changes, what to change."),
    )

    def __init__(self, *args, task: PerformanceTask, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(task.criteria.all())
        for criterion in self.criteria:
            self.fields[f"criterion_{criterion.pk}"] = forms.TypedChoiceField(
                label=criterion.name,
                coerce=int,
                choices=[
                    (level.score, f"{level.score} · {level.label} — {level.descriptor}")
                    for level in criterion.levels.all()
                ],
                widget=forms.RadioSelect,
            )

    def scores(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[f"criterion_{c.pk}"] for c in self.criteria}


class PinForm(forms.Form):
    utterance = forms.IntegerField(min_value=1)
    text = forms.CharField(label=_("Comment on this moment"), max_length=2000)


class MentorAssignmentForm(forms.Form):
    """One row of the school's mentor page: a person on the staff, and a mentor or none."""

    teacher = forms.ModelChoiceField(queryset=None, widget=forms.HiddenInput)
    mentor = forms.ModelChoiceField(queryset=None, required=False)

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["teacher"].queryset = User.objects.filter(
            memberships__school=school, memberships__is_active=True
        ).distinct()
        self.fields["mentor"].queryset = mentors_at(school).distinct()
