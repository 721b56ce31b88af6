//! Queries: what the `LearnerApi` and `TokensApi` runtime APIs answer. Each lists one page: at
//! most `limit` (at most [`MAX_PAGE`]) positions — a course's enrollment, a record, or an
//! instructor's token — from after a cursor, and the cursor of the next page (`None` on the
//! last page). A page may come back empty with a cursor: go on until the cursor is `None`.

use crate::{
	pallet::{Config, Corrections, Pallet, Records},
	types::*,
};
use alloc::vec::Vec;
use codec::{Decode, Encode};
use core::ops::ControlFlow;
use frame_system::pallet_prelude::BlockNumberFor;
use pallet_courses::{page_size, CourseId, CourseInspect, EnrollmentStatus, Page, MAX_PAGE};
use pallet_tokens::{SkillProfile, TokenId, TokenLedger, TokenView};
use scale_info::TypeInfo;

/// A token, as the queries show it, in this runtime.
pub type TokenViewOf<T> = TokenView<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;

/// A part of a holder's skill profile, and where the next part starts: add the parts up.
#[derive(Clone, PartialEq, Eq, Encode, Decode, Debug, TypeInfo)]
pub struct ProfilePage<Cursor> {
	/// The totals of the live tokens of this page.
	pub profile: SkillProfile,
	/// The cursor of the next page, if there is one.
	pub next: Option<Cursor>,
}

/// One position of a walk over a learner's courses.
enum Visit<T: Config> {
	/// The learner's enrollment entry in a course.
	Enrollment(CourseId, EnrollmentStatus),
	/// One of the learner's records.
	Record(CourseId, AssessmentIndex, RecordOf<T>),
}

/// Counts the positions of a page and remembers the last one.
struct Budget<C> {
	left: usize,
	last: Option<C>,
}

impl<C: Clone> Budget<C> {
	fn new(limit: u32) -> Self {
		Self { left: page_size(limit), last: None }
	}

	/// Takes one position, unless the page is full.
	fn take(&mut self, at: C) -> ControlFlow<()> {
		if self.left == 0 {
			return ControlFlow::Break(());
		}
		self.left = self.left.saturating_sub(1);
		self.last = Some(at);
		ControlFlow::Continue(())
	}
}

impl<T: Config> Pallet<T> {
	/// Visits the records of `learner` in `course` after assessment `after` (all if `None`),
	/// within `budget`.
	fn walk_records(
		learner: &T::AccountId,
		course: CourseId,
		after: Option<AssessmentIndex>,
		budget: &mut Budget<RecordCursor>,
		visit: &mut impl FnMut(Visit<T>),
	) -> ControlFlow<()> {
		let records = match after {
			Some(after) => Records::<T>::iter_prefix_from(
				(course, learner),
				Records::<T>::hashed_key_for((course, learner, after)),
			),
			None => Records::<T>::iter_prefix((course, learner)),
		};
		for (assessment, record) in records {
			budget.take(RecordCursor { course, assessment: Some(assessment) })?;
			visit(Visit::Record(course, assessment, record));
		}
		ControlFlow::Continue(())
	}

	/// Visits `learner`'s enrollments and records (each course's enrollment, then its records)
	/// after `cursor`, within `budget`. Returns the cursor of the next page, or `None` if the
	/// walk reached the end.
	fn walk_learner(
		learner: &T::AccountId,
		cursor: Option<RecordCursor>,
		budget: &mut Budget<RecordCursor>,
		mut visit: impl FnMut(Visit<T>),
	) -> Option<RecordCursor> {
		if let Some(RecordCursor { course, assessment }) = cursor {
			if Self::walk_records(learner, course, assessment, budget, &mut visit).is_break() {
				return budget.last;
			}
		}
		let mut after = cursor.map(|cursor| cursor.course);
		loop {
			let page = T::Courses::courses_of(learner, after, MAX_PAGE);
			for (course, status) in page.items {
				if budget.take(RecordCursor { course, assessment: None }).is_break() {
					return budget.last;
				}
				visit(Visit::Enrollment(course, status));
				if Self::walk_records(learner, course, None, budget, &mut visit).is_break() {
					return budget.last;
				}
			}
			match page.next {
				Some(next) => after = Some(next),
				None => return None,
			}
		}
	}

	/// Every step that awaits `learner`'s signature: invitations to accept, units to
	/// acknowledge, units to respond for, instructors to rate; grouped by course and
	/// assessment.
	pub fn pending(
		learner: &T::AccountId,
		cursor: Option<RecordCursor>,
		limit: u32,
	) -> Page<Pending<T::AccountId>, RecordCursor> {
		let mut items = Vec::new();
		let mut budget = Budget::new(limit);
		let next = Self::walk_learner(learner, cursor, &mut budget, |visit| match visit {
			Visit::Enrollment(course, EnrollmentStatus::Invited) => items.push(Pending {
				course,
				assessment: None,
				step: PendingStep::AcceptInvitation,
			}),
			Visit::Enrollment(_, EnrollmentStatus::Enrolled) => {},
			Visit::Record(course, assessment, record) => {
				let at = |stage: Stage| -> Vec<UnitIndex> {
					record
						.units
						.iter()
						.filter(|step| step.stage() == stage)
						.map(|step| step.unit)
						.collect()
				};
				let (acquire, respond) = (at(Stage::Conveyed), at(Stage::Assessed));
				if !acquire.is_empty() {
					items.push(Pending {
						course,
						assessment: Some(assessment),
						step: PendingStep::Acquire { units: acquire },
					});
				}
				if !respond.is_empty() {
					items.push(Pending {
						course,
						assessment: Some(assessment),
						step: PendingStep::Respond { units: respond },
					});
				}
				let max_points = T::Courses::assessment(course, record.guide_version, assessment)
					.map(|guide| guide.max_instructor_feedback)
					.unwrap_or_default();
				if max_points == 0 {
					return;
				}
				let mut awarders: Vec<&T::AccountId> = Vec::new();
				for award in record.units.iter().filter_map(|step| step.awarded.as_ref()) {
					let rated = record.ratings.iter().any(|r| r.instructor == award.instructor);
					if !rated && !awarders.contains(&&award.instructor) {
						awarders.push(&award.instructor);
					}
				}
				for instructor in awarders {
					items.push(Pending {
						course,
						assessment: Some(assessment),
						step: PendingStep::Rate { instructor: instructor.clone(), max_points },
					});
				}
			},
		});
		Page { items, next }
	}

	/// `learner`'s records, with each unit's stage, steps and earlier runs.
	pub fn lifecycles(
		learner: &T::AccountId,
		cursor: Option<RecordCursor>,
		limit: u32,
	) -> Page<RecordView<T::AccountId, BlockNumberFor<T>>, RecordCursor> {
		let mut items = Vec::new();
		let mut budget = Budget::new(limit);
		let next = Self::walk_learner(learner, cursor, &mut budget, |visit| {
			if let Visit::Record(course, assessment, record) = visit {
				items.push(Self::record_view(course, learner, assessment, record));
			}
		});
		Page { items, next }
	}

	/// The record of `learner` in `assessment` of `course`, if any: every step of every unit
	/// with its block and party (a credential's evidence).
	pub fn lifecycle(
		course: CourseId,
		learner: &T::AccountId,
		assessment: AssessmentIndex,
	) -> Option<RecordView<T::AccountId, BlockNumberFor<T>>> {
		let record = Records::<T>::get((course, learner, assessment))?;
		Some(Self::record_view(course, learner, assessment, record))
	}

	fn record_view(
		course: CourseId,
		learner: &T::AccountId,
		assessment: AssessmentIndex,
		record: RecordOf<T>,
	) -> RecordView<T::AccountId, BlockNumberFor<T>> {
		let units = record
			.units
			.into_iter()
			.map(|step| UnitView {
				stage: step.stage(),
				corrections: Corrections::<T>::get((course, learner, assessment, step.unit))
					.into_inner(),
				record: step,
			})
			.collect();
		RecordView {
			course,
			assessment,
			guide_version: record.guide_version,
			units,
			ratings: record.ratings.into_inner(),
		}
	}

	/// The tokens of a record, in id order: each unit's Attendance and Score tokens, those of
	/// its earlier runs (revoked tokens whose step was reopened), and with `ratings` the
	/// Instructor-score tokens of its ratings (held by the instructors).
	fn record_tokens(
		course: CourseId,
		learner: &T::AccountId,
		assessment: AssessmentIndex,
		record: &RecordOf<T>,
		ratings: bool,
	) -> Vec<TokenId> {
		let mut ids = alloc::collections::BTreeSet::new();
		let mut add = |step: &UnitRecordOf<T>| {
			ids.extend(step.acquired.as_ref().map(|acquired| acquired.token));
			ids.extend(step.awarded.as_ref().map(|award| award.token));
		};
		record.units.iter().for_each(&mut add);
		for (_, runs) in Corrections::<T>::iter_prefix((course, learner, assessment)) {
			runs.iter().for_each(&mut add);
		}
		if ratings {
			ids.extend(record.ratings.iter().map(|rating| rating.token));
		}
		ids.into_iter().collect()
	}

	/// The ids of the tokens of `holder` on one page: first the Attendance and Score tokens of
	/// their records as a learner, then the Instructor-score tokens they hold as an
	/// instructor.
	fn token_ids_of(
		holder: &T::AccountId,
		cursor: Option<TokenCursor>,
		limit: u32,
	) -> (Vec<TokenId>, Option<TokenCursor>) {
		let mut ids = Vec::new();
		let learner_cursor = match cursor {
			None => None,
			Some(TokenCursor::Learner(at)) => Some(at),
			Some(TokenCursor::Instructor(after)) => {
				let page = T::Tokens::instructor_tokens(holder, after, limit);
				return (page.items, page.next.map(|id| TokenCursor::Instructor(Some(id))));
			},
		};
		let mut budget = Budget::new(limit);
		let next = Self::walk_learner(holder, learner_cursor, &mut budget, |visit| {
			if let Visit::Record(course, assessment, record) = visit {
				ids.extend(Self::record_tokens(course, holder, assessment, &record, false));
			}
		});
		if let Some(at) = next {
			return (ids, Some(TokenCursor::Learner(at)));
		}
		if budget.left == 0 {
			return (ids, Some(TokenCursor::Instructor(None)));
		}
		let left = u32::try_from(budget.left).unwrap_or(MAX_PAGE);
		let page = T::Tokens::instructor_tokens(holder, None, left);
		ids.extend(page.items);
		(ids, page.next.map(|id| TokenCursor::Instructor(Some(id))))
	}

	/// The tokens `holder` holds, revoked ones included (marked so), one page at a time.
	pub fn tokens_of(
		holder: &T::AccountId,
		cursor: Option<TokenCursor>,
		limit: u32,
	) -> Page<TokenViewOf<T>, TokenCursor> {
		let (ids, next) = Self::token_ids_of(holder, cursor, limit);
		Page { items: T::Tokens::views(ids), next }
	}

	/// The skill profile of `holder` for one page of their tokens: the totals of the live ones
	/// per CIP code and per skill. A client adds the pages up.
	pub fn skill_profile(
		holder: &T::AccountId,
		cursor: Option<TokenCursor>,
		limit: u32,
	) -> ProfilePage<TokenCursor> {
		let (ids, next) = Self::token_ids_of(holder, cursor, limit);
		let mut profile = SkillProfile::default();
		profile.add(&T::Tokens::views(ids));
		ProfilePage { profile, next }
	}

	/// The tokens of `course`, every learner's and every rating's, one page of records at a
	/// time.
	pub fn tokens_of_course(
		course: CourseId,
		cursor: Option<CourseCursor<T::AccountId>>,
		limit: u32,
	) -> Page<TokenViewOf<T>, CourseCursor<T::AccountId>> {
		let records = match &cursor {
			Some(CourseCursor { learner, assessment }) => Records::<T>::iter_prefix_from(
				(course,),
				Records::<T>::hashed_key_for((course, learner, *assessment)),
			),
			None => Records::<T>::iter_prefix((course,)),
		};
		let size = page_size(limit);
		let mut ids = Vec::new();
		let mut last = None;
		let mut more = false;
		for (taken, ((learner, assessment), record)) in records.enumerate() {
			if taken == size {
				more = true;
				break;
			}
			ids.extend(Self::record_tokens(course, &learner, assessment, &record, true));
			last = Some(CourseCursor { learner, assessment });
		}
		Page { items: T::Tokens::views(ids), next: if more { last } else { None } }
	}
}
