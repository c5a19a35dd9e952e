//! `reseller-center bench-checkout`: checkout on the configured database, for `make bench` — (a)
//! the contract PDF rendered alone, (b) orders placed by concurrent workers, each re-quoted and
//! placed in one write transaction holding a coupon, 零钱 and credit (paid in full, so captured
//! too) on one bench company's hot accounts, its contract shown beforehand as at 'show contract'.
//! Reports renders' and placings' p50/p99, orders per second and the ledger invariant after.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::Utc;
use rc_documents::{Contract, ContractLine, ContractParty, ContractRenderer, Delivery, PaymentTerms};
use rc_domain::Fen;
use rc_store::assets::coupons::{self, TemplateValues};
use rc_store::assets::credit;
use rc_store::assets::ledger::{self, AccountKey, Posting};
use rc_store::{DbConn, Pool, companies, customers, users};
use rc_types::accounts::{CompanyInput, Role, UserStatus};
use rc_types::assets::EntryKind;
use rc_types::checkout::{CheckoutInput, CheckoutItem, PaymentMethod, PlaceOrderInput};
use rc_types::customers::CustomerInput;
use rust_decimal::Decimal;

use crate::bench::quantile;
use crate::idempotency::IdempotencyKey;
use crate::sealing::Sealer;
use crate::usecases::checkout::{self, Buyer};

/// What one run measured.
#[derive(Debug, Clone)]
pub struct CheckoutReport {
    /// Contract PDFs rendered alone.
    pub renders: usize,
    /// Median time of one render.
    pub render_p50: Duration,
    /// 99th percentile of one render.
    pub render_p99: Duration,
    /// Size of the rendered contract, bytes.
    pub pdf_bytes: usize,
    /// Orders placed.
    pub orders: usize,
    /// Orders per round (coupons issued and contracts shown before the round is placed).
    pub round: usize,
    /// Concurrent workers placing them.
    pub workers: usize,
    /// Companies buying (1: every placing on the same hot accounts).
    pub companies: usize,
    /// Orders per second (quote + placing).
    pub per_second: f64,
    /// Median of the quote before placing.
    pub quote_p50: Duration,
    /// 99th percentile of the quote.
    pub quote_p99: Duration,
    /// Median of placing (the write transaction of `POST /orders`).
    pub place_p50: Duration,
    /// 99th percentile of placing.
    pub place_p99: Duration,
    /// Placings refused (must be 0: every source has room).
    pub refused: usize,
    /// Accounts whose totals differ from the sums of their entries (must be 0).
    pub unbalanced: usize,
}

/// A contract like the checkout renders: two products and a service.
fn sample_contract() -> Contract {
    let line = |solution: &str, name: &str, quantity: u32, fen: i64, tax: i64| ContractLine {
        solution: solution.to_owned(),
        name: name.to_owned(),
        quantity,
        unit_price: Fen(fen).to_yuan(),
        tax_rate_percent: Decimal::from(tax),
        total: Fen(fen * i64::from(quantity)).to_yuan(),
    };
    Contract {
        number: "20261202090204300".to_owned(),
        issued_on: rc_domain::period::china_date(rc_store::db::now()),
        operator_name_en: Some("Shanghai Blue Cloud Technology Co., Ltd.".to_owned()),
        partner: ContractParty {
            name: "TestCompany-A".to_owned(),
            contact_name: "测试管理员".to_owned(),
            contact: "13653812335".to_owned(),
        },
        operator: ContractParty {
            name: "上海蓝云网络科技有限公司".to_owned(),
            contact_name: "赵益康".to_owned(),
            contact: "zhao.yikang@bluecloud.example".to_owned(),
        },
        delivery: Delivery {
            company: "上海云启信息科技有限公司".to_owned(),
            name: "周经理".to_owned(),
            email: "zhou@yunqi.example".to_owned(),
            phone: "13812345678".to_owned(),
            address: "上海市徐汇区漕溪北路 88 号".to_owned(),
        },
        payment: PaymentTerms::Prepaid,
        products: vec![
            line(
                "SaaS4Me Transport",
                "SaaS4Me Transport 迁移至 Azure（单台服务器） SKU: S-SAA-BAK-PLA-P-MIG-001",
                3,
                11_800,
                13,
            ),
            line(
                "POWER365",
                "每用户迁移许可 SKU: S-POW-BAK-PLA-P-USR-001",
                20,
                6_420,
                13,
            ),
        ],
        services: vec![line(
            "SharePoint 企业门户快速部署套件",
            "实施服务（每人天） SKU: M-BLU-BUS-PLA-S-SP-001",
            2,
            10_700,
            6,
        )],
    }
}

/// (a): renders the sample contract `renders` times; sorted latencies and the PDF's size.
fn render_alone(renderer: &ContractRenderer, renders: usize) -> anyhow::Result<(Vec<Duration>, usize)> {
    let contract = sample_contract();
    let mut bytes = renderer.render(&contract)?.len();
    let mut latencies = Vec::with_capacity(renders);
    for _ in 0..renders {
        let begun = Instant::now();
        bytes = renderer.render(&contract)?.len();
        latencies.push(begun.elapsed());
    }
    latencies.sort_unstable();
    Ok((latencies, bytes))
}

/// The bench company: a new reseller of the demo distributor with a buyer, an end customer, 零钱
/// and credit for every order, and a coupon template (¥1 on the bench plan's solution) to issue
/// each round's coupons from.
struct Bench {
    buyer: Buyer,
    customer: i64,
    template: i64,
    actor: i64,
    /// The plan bought, its solution and price.
    plan: (i64, i64, Fen),
}

/// What each order takes from 零钱.
const REBATE_EACH: Fen = Fen(50);

fn bench_company(
    conn: &mut DbConn,
    run: &str,
    orders: usize,
    plan: (i64, i64, Fen),
) -> anyhow::Result<Bench> {
    let (_, solution, price) = plan;
    let parent = companies::id_by_name(conn, "BlueCloud_D")?;
    let actor = users::find_by_email(conn, "finance@bluecloud.example")?
        .ok_or_else(|| anyhow::anyhow!("seed the demo first (no finance user)"))?
        .id;
    conn.atomic_write(|conn| {
        let company = companies::create_reseller(
            conn,
            parent,
            &CompanyInput {
                name: format!("bench-checkout-{run}"),
                address: "bench".into(),
            },
        )?;
        let email = format!("bench-{run}@bench.example");
        let user_id = users::insert(
            conn,
            &users::NewUser {
                company_id: Some(company),
                email: &email,
                name: "bench buyer",
                phone: "13800000000",
                position: "",
                role: Role::CompanyAdmin,
                status: UserStatus::Active,
                is_registrant: true,
                locale: "zh",
            },
        )?;
        let customer = customers::create(
            conn,
            company,
            &CustomerInput {
                name: "bench customer".into(),
                email: "customer@bench.example".into(),
                company_name: "Bench 有限公司".into(),
                phone: "13800000001".into(),
                address: "上海".into(),
            },
        )?
        .id;
        let count = i64::try_from(orders)?;
        let rebate = ledger::account(conn, AccountKey::rebate(company))?;
        ledger::post(
            conn,
            rebate.id,
            Posting {
                kind: EntryKind::Grant,
                amount: Fen(REBATE_EACH.0 * count + 100),
                op_key: "bench:fund",
                reference: None,
                reason: Some("bench"),
                actor_id: None,
            },
        )
        .map_err(|e| anyhow::anyhow!("funding 零钱: {e}"))?;
        credit::set_line(conn, company, Fen(price.0 * count + 100), 365, "bench", actor)
            .map_err(|e| anyhow::anyhow!("credit line: {e}"))?;
        let template = coupons::create_template(
            conn,
            &TemplateValues {
                name: "bench".to_owned(),
                face_value: Fen(100),
                min_amount: Fen(0),
                min_quantity: 0,
                all_solutions: false,
                solution_ids: vec![solution],
                valid_from: None,
                valid_to: None,
                region: "中国大陆".to_owned(),
            },
            actor,
        )?;
        Ok::<_, anyhow::Error>(Bench {
            buyer: Buyer {
                user_id,
                company_id: company,
                member: false,
            },
            customer,
            template,
            actor,
            plan,
        })
    })
}

/// Issues `count` coupons of the bench template; answers their ids.
fn issue_coupons(
    conn: &mut DbConn,
    bench: &Bench,
    run: &str,
    round: usize,
    count: usize,
) -> anyhow::Result<Vec<i64>> {
    let company = bench.buyer.company_id;
    let (_, solution, price) = bench.plan;
    conn.atomic_write(|conn| {
        let mut n = 0;
        coupons::issue(
            conn,
            bench.template,
            &[company],
            u32::try_from(count)?,
            bench.actor,
            || {
                n += 1;
                format!("B{run}{round:04}{n:05}").to_uppercase()
            },
        )
        .map_err(|e| anyhow::anyhow!("coupons: {e}"))?;
        // (`issue` answers the codes; a checkout names the ids: the round's are the unused ones.)
        let line = rc_domain::coupon::Line {
            solution_id: solution,
            region: "中国大陆",
            quantity: 1,
            amount: price,
        };
        let ids: Vec<i64> = coupons::applicable(conn, company, &[line])?
            .into_iter()
            .map(|(coupon, _)| coupon.id)
            .collect();
        anyhow::ensure!(ids.len() == count, "{} of {count} coupons apply", ids.len());
        Ok(ids)
    })
}

fn input_for(plan: i64, customer: i64, coupon: i64) -> CheckoutInput {
    CheckoutInput {
        items: vec![CheckoutItem {
            plan_id: plan,
            quantity: 1,
            seen_unit_price: None,
        }],
        from_cart: false,
        customer_id: Some(customer),
        payment_method: PaymentMethod::Online,
        coupon_id: Some(coupon),
        use_credit: true,
        rebate_amount: Some(REBATE_EACH.to_money()),
        expected_close_date: None,
        remark: String::new(),
    }
}

/// Runs `work(i)` for every `i` in `0..count` from `workers` threads, each with its own pooled
/// connection; returns what each gave, in any order.
fn in_parallel<T: Send + 'static>(
    pool: &Pool,
    count: usize,
    workers: usize,
    work: impl Fn(&mut DbConn, usize) -> anyhow::Result<T> + Send + Sync + 'static,
) -> anyhow::Result<Vec<T>> {
    let (work, results) = (Arc::new(work), Arc::new(Mutex::new(Vec::with_capacity(count))));
    let threads: Vec<_> = (0..workers)
        .map(|t| {
            let (pool, work, results) = (pool.clone(), work.clone(), results.clone());
            std::thread::spawn(move || -> anyhow::Result<()> {
                let mut conn = pool.get()?;
                for i in (t..count).step_by(workers) {
                    let done = work(&mut conn, i)?;
                    results
                        .lock()
                        .map_err(|_| anyhow::anyhow!("poisoned"))?
                        .push(done);
                }
                Ok(())
            })
        })
        .collect();
    for thread in threads {
        thread
            .join()
            .map_err(|_| anyhow::anyhow!("a bench thread panicked"))??;
    }
    let mut results = results.lock().map_err(|_| anyhow::anyhow!("poisoned"))?;
    Ok(std::mem::take(&mut *results))
}

/// Renders `renders` contracts alone, then places `orders` orders from `workers` threads on a new
/// bench company (seed the demo first), `round` at a time: each round's coupons are issued and its
/// contracts shown (rendered and stored, as at 'show contract') before its orders are placed, so
/// the company's wallet holds at most `round` unused coupons, as a partner's would. Only the
/// placing is timed.
pub fn checkout(
    pool: &Pool,
    renderer: &Arc<ContractRenderer>,
    sealer: &Sealer,
    renders: usize,
    (orders, round, workers, companies): (usize, usize, usize, usize),
) -> anyhow::Result<CheckoutReport> {
    let companies = companies.max(1);
    let (render_times, pdf_bytes) = render_alone(renderer, renders)?;
    let run = uuid::Uuid::new_v4().simple().to_string();
    let plan = {
        let mut conn = pool.get()?;
        let (solution, plan) =
            crate::seed_orders::plan_of(&mut conn, "SaaS4Me Transport", "S-SAA-BAK-PLA-P-MIG-001")?;
        (plan.id, solution, Fen::from_yuan(plan.unit_price.amount)?)
    };
    let mut benches = Vec::with_capacity(companies);
    for c in 0..companies {
        let tag = format!("{}-{c}", &run[..8]);
        // Funded for every order: a company may get a few more than its share.
        benches.push(bench_company(&mut *pool.get()?, &tag, orders, plan)?);
    }
    let benches = Arc::new(benches);
    let (mut timed, mut elapsed) = (Vec::with_capacity(orders), Duration::ZERO);
    for (n, start) in (0..orders).step_by(round.max(1)).enumerate() {
        let count = round.max(1).min(orders - start);
        // Placing i of the round buys for company i % companies, with that company's coupon
        // i / companies.
        let mut coupons = Vec::with_capacity(companies);
        for (c, bench) in benches.iter().enumerate() {
            let own = (c..count).step_by(companies).count();
            coupons.push(issue_coupons(
                &mut *pool.get()?,
                bench,
                &format!("{}{c:02}", &run[..4]),
                n,
                own,
            )?);
        }
        let coupons = Arc::new(coupons);
        let shown = {
            let (benches, renderer) = (benches.clone(), renderer.clone());
            in_parallel(pool, count, workers.min(4), move |conn, i| {
                let bench = &benches[i % companies];
                let input = input_for(
                    bench.plan.0,
                    bench.customer,
                    coupons[i % companies][i / companies],
                );
                let contract = checkout::show_contract(conn, &renderer, bench.buyer, &input, Utc::now())
                    .map_err(|e| anyhow::anyhow!("showing a contract: {e:?}"))?;
                Ok((
                    bench.buyer,
                    PlaceOrderInput {
                        checkout: input,
                        contract_id: contract.id,
                        contract_sha256: contract.sha256,
                    },
                ))
            })?
        };
        let shown = Arc::new(shown);
        let started = Instant::now();
        let (sealer, key) = (sealer.clone(), format!("{run}-{n}"));
        timed.extend(in_parallel(pool, count, workers, move |conn, i| {
            let (buyer, placing) = &shown[i];
            let begun = Instant::now();
            checkout::price(conn, *buyer, &placing.checkout)
                .map_err(|e| anyhow::anyhow!("quoting: {e:?}"))?;
            let quoted = begun.elapsed();
            let key = IdempotencyKey(Some(format!("{key}-{i}")));
            let placed = key.once(conn, &checkout::scope(*buyer), placing, |conn| {
                checkout::place(conn, &sealer, *buyer, placing, Utc::now())
            });
            Ok((quoted, begun.elapsed().saturating_sub(quoted), placed.is_ok()))
        })?);
        elapsed += started.elapsed();
    }
    let mut quotes: Vec<Duration> = timed.iter().map(|t| t.0).collect();
    let mut places: Vec<Duration> = timed.iter().map(|t| t.1).collect();
    quotes.sort_unstable();
    places.sort_unstable();
    let succeeded = timed.iter().filter(|t| t.2).count();
    let unbalanced = ledger::unbalanced_accounts(&mut *pool.get()?)?.len();
    #[allow(clippy::cast_precision_loss, reason = "a rate for people to read")]
    let per_second = succeeded as f64 / elapsed.as_secs_f64();
    Ok(CheckoutReport {
        renders,
        render_p50: quantile(&render_times, 0.5),
        render_p99: quantile(&render_times, 0.99),
        pdf_bytes,
        orders: succeeded,
        round,
        workers,
        companies,
        per_second,
        quote_p50: quantile(&quotes, 0.5),
        quote_p99: quantile(&quotes, 0.99),
        place_p50: quantile(&places, 0.5),
        place_p99: quantile(&places, 0.99),
        refused: orders - succeeded,
        unbalanced,
    })
}
