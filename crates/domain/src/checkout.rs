//! How an order's amount is split among its payment sources (manual §5.1.3, domain guide
//! "Money"): the coupon first, then the rebate balance (零钱) the user typed, then the credit line
//! (账期) for the whole rest if asked, and what is left is paid online or by transfer. Payable
//! never goes below 0.

use crate::Fen;

/// The credit line as the checkout sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CreditState {
    /// 可用额度.
    pub available: Fen,
    /// On hold for an overdue bill.
    pub on_hold: bool,
}

/// What the buyer asked for and what the sources hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sources {
    /// The chosen coupon's discount on these lines (0 without a coupon).
    pub coupon_discount: Fen,
    /// 零钱 the user typed, if any.
    pub rebate_requested: Option<Fen>,
    /// 可用零钱.
    pub rebate_available: Fen,
    /// Whether 是否申请账期 is 是.
    pub use_credit: bool,
    /// The company's credit line, if it has one.
    pub credit: Option<CreditState>,
}

/// The amount of an order split among its sources; the parts add up to `goods_total`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split {
    /// 商品总金额.
    pub goods_total: Fen,
    /// Taken off by the coupon.
    pub coupon: Fen,
    /// Taken off from the rebate balance.
    pub rebate: Fen,
    /// Put on the credit line.
    pub credit: Fen,
    /// 应付总额: left to pay online or by transfer.
    pub payable: Fen,
}

impl Split {
    /// 优惠金额 (订单折扣): coupon + 零钱.
    pub fn discount(&self) -> Fen {
        Fen(self.coupon.0 + self.rebate.0)
    }

    /// 订单实收金额: what the operator receives (credit included).
    pub fn received(&self) -> Fen {
        Fen(self.goods_total.0 - self.discount().0)
    }

    /// Whether nothing is left to pay online or by transfer.
    pub fn paid_in_full(&self) -> bool {
        self.payable.0 == 0
    }
}

/// Why the sources can't pay as asked; each names the field the user must change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SplitError {
    /// 零钱 below 0.
    #[error("the rebate amount cannot be negative")]
    RebateNegative,
    /// 零钱 over the balance.
    #[error("only {available} of rebate balance is available")]
    RebateOverBalance {
        /// 可用零钱.
        available: Fen,
    },
    /// 零钱 over what is left after the coupon.
    #[error("at most {left} is left to pay")]
    RebateOverPayable {
        /// What is left after the coupon.
        left: Fen,
    },
    /// 申请账期 without a line.
    #[error("the company has no credit line")]
    NoCredit,
    /// 申请账期 while the line is on hold.
    #[error("the credit line is on hold until the overdue bills are repaid")]
    CreditOnHold,
    /// 申请账期 for more than is available.
    #[error("the credit line has only {available} available, {needed} is needed")]
    CreditShort {
        /// 可用额度.
        available: Fen,
        /// What is left to pay.
        needed: Fen,
    },
}

impl SplitError {
    /// A stable code for clients (they show their own text; the message carries the amounts).
    pub fn code(self) -> &'static str {
        match self {
            SplitError::RebateNegative => "rebate_negative",
            SplitError::RebateOverBalance { .. } => "rebate_over_balance",
            SplitError::RebateOverPayable { .. } => "rebate_over_left",
            SplitError::NoCredit => "no_credit",
            SplitError::CreditOnHold => "credit_on_hold",
            SplitError::CreditShort { .. } => "credit_short",
        }
    }

    /// The input field the error is about.
    pub fn field(self) -> &'static str {
        match self {
            SplitError::RebateNegative
            | SplitError::RebateOverBalance { .. }
            | SplitError::RebateOverPayable { .. } => "rebate_amount",
            SplitError::NoCredit | SplitError::CreditOnHold | SplitError::CreditShort { .. } => "use_credit",
        }
    }
}

/// Splits `goods_total` among the sources. The coupon never takes more than the total.
pub fn split(goods_total: Fen, sources: Sources) -> Result<Split, SplitError> {
    let coupon = Fen(sources.coupon_discount.0.clamp(0, goods_total.0));
    let after_coupon = goods_total.0 - coupon.0;
    let rebate = match sources.rebate_requested {
        None => 0,
        Some(Fen(amount)) if amount < 0 => return Err(SplitError::RebateNegative),
        Some(Fen(amount)) if amount > sources.rebate_available.0 => {
            return Err(SplitError::RebateOverBalance {
                available: sources.rebate_available,
            });
        }
        Some(Fen(amount)) if amount > after_coupon => {
            return Err(SplitError::RebateOverPayable {
                left: Fen(after_coupon),
            });
        }
        Some(Fen(amount)) => amount,
    };
    let left = after_coupon - rebate;
    let credit = if sources.use_credit && left > 0 {
        match sources.credit {
            None => return Err(SplitError::NoCredit),
            Some(line) if line.on_hold => return Err(SplitError::CreditOnHold),
            Some(line) if line.available.0 < left => {
                return Err(SplitError::CreditShort {
                    available: line.available,
                    needed: Fen(left),
                });
            }
            Some(_) => left,
        }
    } else {
        0
    };
    Ok(Split {
        goods_total,
        coupon,
        rebate: Fen(rebate),
        credit: Fen(credit),
        payable: Fen(left - credit),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources() -> Sources {
        Sources {
            coupon_discount: Fen(0),
            rebate_requested: None,
            rebate_available: Fen(148_839),
            use_credit: false,
            credit: Some(CreditState {
                available: Fen(50_000),
                on_hold: false,
            }),
        }
    }

    #[test]
    fn nothing_used_leaves_everything_payable() {
        let s = split(Fen(10_700), sources()).unwrap();
        assert_eq!(
            (s.coupon, s.rebate, s.credit, s.payable),
            (Fen(0), Fen(0), Fen(0), Fen(10_700))
        );
        assert!(!s.paid_in_full());
    }

    #[test]
    fn coupon_then_rebate_then_credit_add_up() {
        let s = split(
            Fen(10_700),
            Sources {
                coupon_discount: Fen(1_000),
                rebate_requested: Some(Fen(2_000)),
                use_credit: true,
                ..sources()
            },
        )
        .unwrap();
        assert_eq!(
            (s.coupon, s.rebate, s.credit, s.payable),
            (Fen(1_000), Fen(2_000), Fen(7_700), Fen(0))
        );
        assert_eq!(s.discount(), Fen(3_000));
        assert_eq!(s.received(), Fen(7_700));
        assert!(s.paid_in_full());
    }

    #[test]
    fn a_coupon_larger_than_the_order_takes_only_the_order() {
        let s = split(
            Fen(500),
            Sources {
                coupon_discount: Fen(1_000),
                ..sources()
            },
        )
        .unwrap();
        assert_eq!((s.coupon, s.payable), (Fen(500), Fen(0)));
    }

    #[test]
    fn rebate_is_bounded_by_balance_and_by_what_is_left() {
        let over_balance = Sources {
            rebate_requested: Some(Fen(148_840)),
            ..sources()
        };
        assert_eq!(
            split(Fen(1_000_000), over_balance),
            Err(SplitError::RebateOverBalance {
                available: Fen(148_839)
            })
        );
        let over_left = Sources {
            coupon_discount: Fen(100),
            rebate_requested: Some(Fen(10_601)),
            ..sources()
        };
        assert_eq!(
            split(Fen(10_700), over_left),
            Err(SplitError::RebateOverPayable { left: Fen(10_600) })
        );
        let negative = Sources {
            rebate_requested: Some(Fen(-1)),
            ..sources()
        };
        assert_eq!(split(Fen(10_700), negative).unwrap_err().field(), "rebate_amount");
    }

    #[test]
    fn credit_is_refused_without_a_line_on_hold_or_short() {
        let ask = |credit| Sources {
            use_credit: true,
            credit,
            ..sources()
        };
        assert_eq!(split(Fen(100), ask(None)), Err(SplitError::NoCredit));
        let held = Some(CreditState {
            available: Fen(1_000),
            on_hold: true,
        });
        assert_eq!(split(Fen(100), ask(held)), Err(SplitError::CreditOnHold));
        let short = Some(CreditState {
            available: Fen(99),
            on_hold: false,
        });
        assert_eq!(
            split(Fen(100), ask(short)),
            Err(SplitError::CreditShort {
                available: Fen(99),
                needed: Fen(100)
            })
        );
        assert_eq!(split(Fen(100), ask(short)).unwrap_err().field(), "use_credit");
    }

    #[test]
    fn credit_is_not_needed_when_the_rest_is_zero() {
        let s = split(
            Fen(100),
            Sources {
                rebate_requested: Some(Fen(100)),
                use_credit: true,
                credit: None,
                ..sources()
            },
        )
        .unwrap();
        assert_eq!((s.credit, s.payable), (Fen(0), Fen(0)));
    }
}
