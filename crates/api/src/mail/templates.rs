//! Mail texts. Every template exists in Chinese (default) and English; the recipient's stored
//! locale picks one.

/// A message to send.
#[derive(Debug, Clone)]
pub enum Mail<'a> {
    /// The application was approved: activate the admin account.
    Approved {
        /// Company name.
        company: &'a str,
        /// Activation link.
        link: &'a str,
    },
    /// The application was rejected.
    Rejected {
        /// Company name.
        company: &'a str,
        /// The operator's reason.
        reason: &'a str,
    },
    /// Invitation to join a company.
    Invitation {
        /// Company name.
        company: &'a str,
        /// Acceptance link.
        link: &'a str,
    },
    /// Password reset link.
    PasswordReset {
        /// Reset link.
        link: &'a str,
    },
    /// A consult ticket or trial request was received.
    TicketReceived {
        /// Ticket number.
        number: &'a str,
        /// Topic, quoted back only to a verified address of the submitter (`None`: fixed text).
        topic: Option<&'a str>,
        /// Operator's name.
        operator: &'a str,
        /// How soon they answer.
        response_time: &'a str,
        /// Operator's phone.
        phone: &'a str,
    },
    /// Somebody tried to register a company with the address of an existing account.
    RegistrationAttempt,
    /// An asset of the company changed (a grant, a claw-back, a new credit line, a confirmed
    /// or rejected repayment, coupons issued).
    AssetChanged {
        /// Company name.
        company: &'a str,
        /// Which asset.
        asset: AssetMail,
        /// What changed (e.g. `+¥60.00`, `授信总额 ¥1,500.00 → ¥2,000.00`).
        change: &'a str,
        /// The figure after (balance or available amount).
        now: &'a str,
        /// The operator's reason.
        reason: &'a str,
    },
    /// An order of the partner changed: placed, paid, delivered or cancelled.
    OrderChanged {
        /// 订单编号.
        order_no: &'a str,
        /// What happened.
        event: OrderMail,
        /// Details (the amount, the reason).
        detail: &'a str,
    },
    /// A product line was delivered: the end customer's mail with what they get (§5.1.4 产品交付).
    ProductDelivered {
        /// 订单编号.
        order_no: &'a str,
        /// The plan delivered.
        plan: &'a str,
        /// 交付内容: serial numbers or download links.
        content: &'a str,
    },
    /// The one-time code of a credit payment (蓝云信用支付); the code travels sealed like a link.
    CreditPayCode {
        /// 订单编号.
        order_no: &'a str,
        /// 应付金额, as text.
        amount: &'a str,
        /// The 6-digit code.
        code: &'a str,
    },
    /// The operator replied on a ticket.
    TicketReply {
        /// Ticket number.
        number: &'a str,
        /// Topic.
        topic: &'a str,
        /// The reply.
        body: &'a str,
    },
}

/// What happened to an order, for [`Mail::OrderChanged`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderMail {
    /// 订单已生成.
    Placed,
    /// 已付款.
    Paid,
    /// 已交付.
    Delivered,
    /// 已取消.
    Cancelled,
    /// 部分退款: a line was refunded.
    LineRefunded,
}

impl OrderMail {
    fn label(self, english: bool) -> &'static str {
        match (self, english) {
            (OrderMail::Placed, false) => "已生成",
            (OrderMail::Placed, true) => "was placed",
            (OrderMail::Paid, false) => "已付款",
            (OrderMail::Paid, true) => "is paid",
            (OrderMail::Delivered, false) => "已交付",
            (OrderMail::Delivered, true) => "was delivered",
            (OrderMail::Cancelled, false) => "已取消",
            (OrderMail::Cancelled, true) => "was cancelled",
            (OrderMail::LineRefunded, false) => "有商品已退款",
            (OrderMail::LineRefunded, true) => "had a line refunded",
        }
    }
}

/// Which asset a mail about a change is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssetMail {
    /// 可抵扣优惠金额.
    Rebate,
    /// 账期额度.
    Credit,
    /// 优惠券.
    Coupons,
}

impl AssetMail {
    fn label(self, english: bool) -> &'static str {
        match (self, english) {
            (AssetMail::Rebate, false) => "可抵扣优惠金额",
            (AssetMail::Rebate, true) => "rebate balance",
            (AssetMail::Credit, false) => "账期额度",
            (AssetMail::Credit, true) => "credit line",
            (AssetMail::Coupons, false) => "优惠券",
            (AssetMail::Coupons, true) => "coupons",
        }
    }
}

const SIGNATURE_ZH: &str = "\n\n—— 经销商中心 Reseller Center";
const SIGNATURE_EN: &str = "\n\n— Reseller Center";

impl Mail<'_> {
    /// The one-time link the mail carries, if any.
    pub fn link(&self) -> Option<&str> {
        match self {
            Mail::Approved { link, .. } | Mail::Invitation { link, .. } | Mail::PasswordReset { link } => {
                Some(link)
            }
            Mail::CreditPayCode { code, .. } => Some(code),
            Mail::Rejected { .. }
            | Mail::RegistrationAttempt
            | Mail::TicketReceived { .. }
            | Mail::TicketReply { .. }
            | Mail::AssetChanged { .. }
            | Mail::OrderChanged { .. }
            | Mail::ProductDelivered { .. } => None,
        }
    }

    /// Subject and plain-text body in `locale` (`en`, anything else is Chinese).
    #[allow(
        clippy::too_many_lines,
        reason = "one arm per template and language, read side by side"
    )]
    pub fn render(&self, locale: &str) -> (String, String) {
        let english = locale == "en";
        let (subject, body) = match (self, english) {
            (Mail::AssetChanged { company, asset, change, now, reason }, _) => {
                asset_changed(english, company, *asset, change, now, reason)
            }
            (Mail::OrderChanged { order_no, event, detail }, false) => (
                format!("【经销商中心】订单 {order_no} {}", event.label(false)),
                format!(
                    "您好，\n\n订单 {order_no} {}。{detail}\n\n请登录经销商中心，在「客户订单」查看详情。",
                    event.label(false)
                ),
            ),
            (Mail::OrderChanged { order_no, event, detail }, true) => (
                format!("[Reseller Center] Order {order_no} {}", event.label(true)),
                format!(
                    "Hello,\n\nOrder {order_no} {}. {detail}\n\nSign in and open Customer orders for the details.",
                    event.label(true)
                ),
            ),
            (Mail::CreditPayCode { order_no, amount, code }, false) => (
                "【经销商中心】蓝云信用支付验证码".to_owned(),
                format!("您好，\n\n您正在使用蓝云信用支付为订单 {order_no} 支付 {amount}，验证码：\n\n{code}\n\n验证码 5 分钟内有效，仅可使用一次。如非本人操作，请立即修改信用中心密码。"),
            ),
            (Mail::CreditPayCode { order_no, amount, code }, true) => (
                "[Reseller Center] Your credit pay code".to_owned(),
                format!("Hello,\n\nYou are paying {amount} for order {order_no} with credit pay. Your code:\n\n{code}\n\nIt works once, for 5 minutes. If this was not you, change your credit-centre password now."),
            ),
            (Mail::ProductDelivered { order_no, plan, content }, false) => (
                format!("【经销商中心】您订购的 {plan} 已交付"),
                format!("您好，\n\n订单 {order_no} 中的 {plan} 已交付，交付内容如下：\n\n{content}\n\n产品发送至本邮箱即视为交付完成。"),
            ),
            (Mail::ProductDelivered { order_no, plan, content }, true) => (
                format!("[Reseller Center] {plan} has been delivered"),
                format!("Hello,\n\n{plan} of order {order_no} has been delivered:\n\n{content}\n\nDelivery to this address completes the delivery."),
            ),
            (Mail::Approved { company, link }, false) => (
                format!("【经销商中心】{company} 的入驻申请已通过，请激活账号"),
                format!(
                    "您好，\n\n{company} 的入驻申请已通过审核。请在 72 小时内打开以下链接设置密码并激活管理员账号：\n\n{link}\n\n链接仅可使用一次。激活后即可登录经销商中心。"
                ),
            ),
            (Mail::Approved { company, link }, true) => (
                format!("[Reseller Center] {company} is approved — activate your account"),
                format!(
                    "Hello,\n\nThe application of {company} has been approved. Open this link within 72 hours to set your password and activate the administrator account:\n\n{link}\n\nThe link works once. After activation you can sign in."
                ),
            ),
            (Mail::Rejected { company, reason }, false) => (
                format!("【经销商中心】{company} 的入驻申请未通过"),
                format!(
                    "您好，\n\n很抱歉，{company} 的入驻申请未通过审核。\n\n原因：{reason}\n\n如有疑问，请联系您的蓝云业务负责人。"
                ),
            ),
            (Mail::Rejected { company, reason }, true) => (
                format!("[Reseller Center] The application of {company} was not approved"),
                format!(
                    "Hello,\n\nWe are sorry: the application of {company} was not approved.\n\nReason: {reason}\n\nPlease contact your account manager with any questions."
                ),
            ),
            (Mail::Invitation { company, link }, false) => (
                format!("【经销商中心】邀请您加入 {company}"),
                format!(
                    "您好，\n\n{company} 邀请您加入经销商中心。请在 72 小时内打开以下链接，填写姓名、手机并设置密码：\n\n{link}\n\n链接仅可使用一次。"
                ),
            ),
            (Mail::Invitation { company, link }, true) => (
                format!("[Reseller Center] You are invited to join {company}"),
                format!(
                    "Hello,\n\n{company} invites you to Reseller Center. Open this link within 72 hours to enter your name and phone and set a password:\n\n{link}\n\nThe link works once."
                ),
            ),
            (
                Mail::TicketReceived {
                    number,
                    topic,
                    operator,
                    response_time,
                    phone,
                },
                false,
            ) => (
                format!("【经销商中心】已收到您的请求 {number}"),
                format!(
                    "您好，\n\n我们已收到您的请求{}，编号 {number}。{operator}会在{response_time}与您联系。\n\n如需补充信息，请致电 {phone} 并提供编号。如果这不是您提交的，请忽略本邮件。",
                    topic.map(|t| format!("「{t}」")).unwrap_or_default()
                ),
            ),
            (
                Mail::TicketReceived {
                    number,
                    topic,
                    operator,
                    response_time,
                    phone,
                },
                true,
            ) => (
                format!("[Reseller Center] We received your request {number}"),
                format!(
                    "Hello,\n\nWe received your request{} (number {number}). {operator} will contact you within {response_time}.\n\nTo add information, call {phone} and quote the number. If you did not send it, ignore this mail.",
                    topic.map(|t| format!(" \"{t}\"")).unwrap_or_default()
                ),
            ),
            (Mail::TicketReply { number, topic, body }, false) => (
                format!("【经销商中心】关于 {number}「{topic}」的回复"),
                format!("您好，\n\n关于您的请求 {number}「{topic}」，回复如下：\n\n{body}"),
            ),
            (Mail::TicketReply { number, topic, body }, true) => (
                format!("[Reseller Center] Reply to {number} \"{topic}\""),
                format!("Hello,\n\nA reply to your request {number} \"{topic}\":\n\n{body}"),
            ),
            (Mail::RegistrationAttempt, false) => (
                "【经销商中心】有人用您的邮箱申请入驻".to_owned(),
                "您好，\n\n有人在经销商中心提交了入驻申请，填写的邮箱是您已注册的这个地址。该申请未被受理。\n\n如果是您本人，请直接登录；忘记密码可在登录页选择“忘记密码”。如果不是您，请忽略本邮件。".to_owned(),
            ),
            (Mail::RegistrationAttempt, true) => (
                "[Reseller Center] Someone applied with your email address".to_owned(),
                "Hello,\n\nSomeone submitted a company application on Reseller Center with this address, which already has an account. The application was not taken.\n\nIf it was you, just sign in (or use \"Forgot password\" on the sign-in page). If not, ignore this mail.".to_owned(),
            ),
            (Mail::PasswordReset { link }, false) => (
                "【经销商中心】重置密码".to_owned(),
                format!(
                    "您好，\n\n我们收到了重置密码的请求。请在 1 小时内打开以下链接设置新密码：\n\n{link}\n\n如果不是您本人操作，请忽略本邮件，您的密码不会改变。"
                ),
            ),
            (Mail::PasswordReset { link }, true) => (
                "[Reseller Center] Reset your password".to_owned(),
                format!(
                    "Hello,\n\nWe received a request to reset your password. Open this link within 1 hour to choose a new one:\n\n{link}\n\nIf this wasn't you, ignore this mail; your password stays unchanged."
                ),
            ),
        };
        (subject, body + if english { SIGNATURE_EN } else { SIGNATURE_ZH })
    }
}

/// Subject and body of [`Mail::AssetChanged`].
fn asset_changed(
    english: bool,
    company: &str,
    asset: AssetMail,
    change: &str,
    now: &str,
    reason: &str,
) -> (String, String) {
    if english {
        (
            format!("[Reseller Center] The {} of {company} changed", asset.label(true)),
            format!(
                "Hello,\n\nThe {} of {company} changed: {change}.\n\nNow: {now}\nReason: {reason}\n\nSign in and open My assets for the details.",
                asset.label(true)
            ),
        )
    } else {
        (
            format!("【经销商中心】{company} 的{}有变动", asset.label(false)),
            format!(
                "您好，\n\n{company} 的{}有变动：{change}。\n\n变动后：{now}\n原因：{reason}\n\n请登录经销商中心，在「我的资产」查看明细。",
                asset.label(false)
            ),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unverified_acknowledgement_carries_no_visitor_text() {
        let mail = |topic| Mail::TicketReceived {
            number: "ZX20261201-0001",
            topic,
            operator: "蓝云",
            response_time: "2 个工作日内",
            phone: "400-000-0000",
        };
        for locale in ["zh", "en"] {
            let (subject, body) = mail(None).render(locale);
            assert!(!subject.contains("BUY CHEAP") && !body.contains("BUY CHEAP"));
            assert!(body.contains("ZX20261201-0001"));
            assert!(mail(Some("BUY CHEAP")).render(locale).1.contains("BUY CHEAP"));
        }
    }

    #[test]
    fn both_languages_carry_the_link() {
        let mail = Mail::Approved {
            company: "蓝云",
            link: "http://x/activate?token=abc",
        };
        let (zh_subject, zh_body) = mail.render("zh");
        let (en_subject, en_body) = mail.render("en");
        assert!(zh_subject.contains("已通过") && zh_body.contains("http://x/activate?token=abc"));
        assert!(en_subject.contains("approved") && en_body.contains("http://x/activate?token=abc"));
    }
}
